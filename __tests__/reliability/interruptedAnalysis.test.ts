// Interruption during the analysis, when the main thread reads and parses every file itself
// (no worker threads: a small tree, or --workers 0). That work is synchronous; unless the run
// gives the event loop a turn now and then, the command line's SIGINT/SIGTERM listener never
// runs and a dry run or --check goes on to its report and exit 0/1 as if nothing had happened,
// and --write sees the signal only once every file is analysed. Here the signal must end the
// run soon: no report, the exit status for the signal, and nothing written.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, snapshot } from '../e2e/cli';

const FILES = 100;

/** A handler module with enough code around it that parsing it takes a while. */
function handlerSource(i: number): string {
  const helpers = Array.from({ length: 60 }, (_, k) => `function u${k}(a, b) {\n  return a + b + ${k * i};\n}`);
  return ['const seen = new Set();', 'let count = 0;', ...helpers, 'exports.handler = async (event) => {', '  count++;', '  seen.add(event.id);', '  return count;', '};', ''].join('\n');
}

let bin: string;
let tree: string;
const dirs: string[] = [];
/** Milliseconds a --check run takes left alone, start to exit. */
let fullRunMs: number;

beforeAll(() => {
  ({ bin } = buildPackage());
  dirs.push(path.dirname(path.dirname(bin)));
  tree = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-reliability-interrupt-analysis-')));
  dirs.push(tree);
  fs.mkdirSync(path.join(tree, 'src'));
  for (let i = 0; i < FILES; i++) fs.writeFileSync(path.join(tree, 'src', `h${i}.js`), handlerSource(i));
  const started = Date.now();
  const run = spawnSync(process.execPath, [bin, 'migrate', 'src', '--check', '--format', 'summary', '--workers', '0'], { cwd: tree, encoding: 'utf8' });
  fullRunMs = Date.now() - started;
  expect(run.status).toBe(1);
  expect(run.stdout).toContain(`files that would change:  ${FILES}`);
}, 120_000);

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the signal to the end of the process. */
  afterSignalMs: number;
}

/** Starts `migrate` with `args` in `cwd`, sends `signal` half way through a run left alone. */
function interrupted(args: string[], cwd: string, signal: NodeJS.Signals): Promise<Ended> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'migrate', ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    let sentAt = 0;
    const timer = setTimeout(() => {
      sentAt = Date.now();
      child.kill(signal);
    }, fullRunMs / 2);
    child.on('close', (code, received) => {
      clearTimeout(timer);
      resolve({ code, signal: received, stdout, stderr, afterSignalMs: sentAt === 0 ? -1 : Date.now() - sentAt });
    });
  });
}

describe.each([
  { name: 'a dry run', args: ['src'], signal: 'SIGINT' as const, status: 130, message: 'lambda-clean-slate: interrupted\n' },
  { name: '--check', args: ['src', '--check', '--format', 'summary', '--workers', '0'], signal: 'SIGTERM' as const, status: 143, message: 'lambda-clean-slate: interrupted\n' },
  { name: '--write', args: ['src', '--write', '--workers', '0'], signal: 'SIGINT' as const, status: 130, message: 'lambda-clean-slate: interrupted before writing any file\n' },
])('$name with no worker threads, sent $signal during the analysis', ({ args, signal, status, message }) => {
  it('stops soon, without a report, with the exit status for the signal, and writes nothing', async () => {
    const before = snapshot(tree);
    const ended = await interrupted(args, tree, signal);
    // the signal was sent while the run was going (not after it had ended)
    expect(ended.afterSignalMs).toBeGreaterThanOrEqual(0);
    expect({ code: ended.code, signal: ended.signal, stdout: ended.stdout, stderr: ended.stderr }).toEqual({ code: status, signal: null, stdout: '', stderr: message });
    // between two files, not after the other half of the files: a file takes a few tens of milliseconds
    expect(ended.afterSignalMs).toBeLessThan(fullRunMs / 4);
    expect(snapshot(tree)).toEqual(before);
  }, 120_000);
});
