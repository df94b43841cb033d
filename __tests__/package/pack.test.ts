// The package as a user gets it: `npm pack` from a clean copy of the sources (its
// `prepare` builds dist/), then installed from the tarball into an empty project and run
// with `npx lambda-clean-slate`. Dependencies come from the npm cache when they are there.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const REPO = path.join(__dirname, '..', '..');
const SOURCES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'bin', 'src', 'transforms', 'schema', 'LICENSE', 'README.md'];
const LEAKY = "const seen = [];\nexports.handler = async (event) => {\n  seen.push(event.id);\n  return seen.length;\n};\n";

/** The environment without what an enclosing `npm test` sets for its own scripts. */
function cleanEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'NODE_OPTIONS'));
}

let work: string;
let tarball: string;
let packed: { path: string; mode: number }[];
let app: string;

beforeAll(() => {
  work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-package-')));
  const source = path.join(work, 'source');
  fs.mkdirSync(source);
  for (const name of SOURCES) {
    if (fs.existsSync(path.join(REPO, name))) fs.cpSync(path.join(REPO, name), path.join(source, name), { recursive: true });
  }
  // the build tools are the repository's own; the copy has no dist/ of its own to go stale
  fs.symlinkSync(path.join(REPO, 'node_modules'), path.join(source, 'node_modules'));
  const json = execFileSync('npm', ['pack', '--json', '--pack-destination', work], { cwd: source, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const [info] = JSON.parse(json.slice(json.indexOf('[')));
  tarball = path.join(work, info.filename);
  packed = info.files;

  app = path.join(work, 'app');
  fs.mkdirSync(path.join(app, 'src'), { recursive: true });
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
  fs.writeFileSync(path.join(app, 'src', 'handler.js'), LEAKY);
  execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], { cwd: app, env: cleanEnv(), stdio: 'pipe' });
}, 120_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const npx = (...args: string[]) => spawnSync('npx', ['--no-install', 'lambda-clean-slate', ...args], { cwd: app, env: { ...cleanEnv(), NO_COLOR: '1' }, encoding: 'utf8' });

describe('npm pack', () => {
  it('holds the built code, the README, the licence and the report schema', () => {
    const paths = packed.map((f) => f.path);
    for (const file of ['package.json', 'LICENSE', 'schema/report.schema.json', 'dist/bin/lambda-clean-slate.js', 'dist/src/index.js', 'dist/src/engine/migrate.js', 'dist/src/engine/formats/sarif.js']) {
      expect(paths).toContain(file);
    }
    for (const name of ['globals', 'tmp', 'clients', 'container-id']) expect(paths).toContain(`dist/transforms/${name}.js`);
    // the README is written in the repository root; whatever it holds ships
    expect(paths.includes('README.md')).toBe(fs.existsSync(path.join(REPO, 'README.md')));
    expect(packed.find((f) => f.path === 'dist/bin/lambda-clean-slate.js')!.mode & 0o111).not.toBe(0);
  });

  it('holds no tests, fixtures, examples, sources or tooling', () => {
    const unexpected = packed.map((f) => f.path).filter((p) => !/^(dist\/(bin|src|transforms)\/|schema\/|package\.json$|README\.md$|LICENSE$)/.test(p));
    expect(unexpected).toEqual([]);
    expect(packed.map((f) => f.path).filter((p) => /__tests__|__testfixtures__|examples|bench|\.test\.|\.ts$(?<!\.d\.ts$)/.test(p))).toEqual([]);
  });
});

describe('installed from the tarball into an empty project', () => {
  it('npx lambda-clean-slate migrate src/ shows the diff and changes nothing (exit 0)', () => {
    const run = npx('migrate', 'src/');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('--- a/src/handler.js\n+++ b/src/handler.js\n');
    expect(run.stdout).toContain('+  const seen = [];');
    expect(run.stdout).toContain('files that would change:  1');
    expect(fs.readFileSync(path.join(app, 'src', 'handler.js'), 'utf8')).toBe(LEAKY);
  });

  it('--check exits 1 with a SARIF report; --write migrates; then --check exits 0', () => {
    const check = npx('migrate', 'src/', '--check', '--format', 'sarif');
    expect(check.status).toBe(1);
    expect(JSON.parse(check.stdout).version).toBe('2.1.0');
    expect(npx('migrate', 'src/', '--write').status).toBe(0);
    expect(fs.readFileSync(path.join(app, 'src', 'handler.js'), 'utf8')).toContain('exports.handler = async (event, context) => {\n');
    expect(npx('migrate', 'src/', '--check').status).toBe(0);
  });

  it('--version and list-transforms work', () => {
    expect(npx('--version').stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version);
    expect(npx('list-transforms').stdout.split('\n').filter(Boolean)).toHaveLength(4);
  });
});
