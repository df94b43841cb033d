// Runs the built command line as a user would: the package is compiled once per test file
// into a private folder (so tests never race with `npm run build` writing dist/), next to
// the repository's node_modules, and started with `node` in temporary project folders.
import { execFileSync, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.join(__dirname, '..', '..');

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Compiles the package; returns the path of its bin script. */
export function buildPackage(): { bin: string; dir: string } {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-e2e-build-')));
  try {
    execFileSync(process.execPath, [path.join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(REPO, 'tsconfig.build.json'), '--outDir', dir], { stdio: 'pipe' });
  } catch {
    // type errors elsewhere in the tree still emit JavaScript; the bin must exist below
  }
  fs.copyFileSync(path.join(REPO, 'package.json'), path.join(dir, 'package.json'));
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(dir, 'node_modules'));
  const bin = path.join(dir, 'bin', 'lambda-clean-slate.js');
  if (!fs.existsSync(bin)) throw new Error('the build produced no bin/lambda-clean-slate.js');
  return { bin, dir };
}

export function runCli(bin: string, args: string[], cwd: string, env: Record<string, string | undefined> = {}): Run {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A folder with these files; a git repository with everything committed when asked. */
export function project(files: Record<string, string | Buffer>, options: { git?: boolean } = {}): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-e2e-project-')));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  if (options.git) {
    git(dir, 'init', '-q');
    git(dir, 'config', 'core.autocrlf', 'false');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'initial');
  }
  return dir;
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

/** Every file under `dir` (but .git) with a hash of its bytes and its mode. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of fs.readdirSync(d, { withFileTypes: true })) {
      if (entry.name === '.git') continue;
      const p = path.join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.isFile()) {
        const hash = crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex');
        out[path.relative(dir, p)] = `${hash} ${(fs.statSync(p).mode & 0o777).toString(8)}`;
      }
    }
  };
  walk(dir);
  return out;
}
