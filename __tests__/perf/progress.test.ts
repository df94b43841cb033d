// The progress bar: drawn on stderr only when it is a terminal, only for runs that last,
// erased at the end; never on stdout.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createProgressBar, renderProgress, type ProgressStream } from '../../src/engine/progress';
import { buildPackage } from '../e2e/cli';
import { fixtureTree } from './fixtureTree';

function fakeTerminal(isTTY = true): ProgressStream & { written: string[] } {
  const written: string[] = [];
  return { isTTY, columns: 100, written, write: (text: string) => written.push(text) };
}

const step = (done: number) => ({ done, total: 10, handlerModules: Math.floor(done / 2), workers: 2 });

describe('createProgressBar', () => {
  it('is null when the stream is not a terminal', () => {
    expect(createProgressBar(fakeTerminal(false))).toBeNull();
  });

  it('draws nothing before the delay, then at most once per interval, the last state always, and erases itself', () => {
    let clock = 0;
    const stream = fakeTerminal();
    const bar = createProgressBar(stream, { delayMs: 500, intervalMs: 100, now: () => clock })!;
    clock = 100;
    bar.update(step(1));
    expect(stream.written).toEqual([]);
    clock = 600;
    bar.update(step(2));
    clock = 650;
    bar.update(step(3));
    expect(stream.written).toHaveLength(1);
    expect(stream.written[0]).toBe('\r\u001b[K' + renderProgress(step(2), 600));
    clock = 660;
    bar.update(step(10));
    expect(stream.written).toHaveLength(2);
    bar.finish();
    expect(stream.written[2]).toBe('\r\u001b[K');
  });

  it('never draws or erases for a run shorter than the delay', () => {
    let clock = 0;
    const stream = fakeTerminal();
    const bar = createProgressBar(stream, { delayMs: 500, now: () => clock })!;
    clock = 10;
    bar.update(step(10));
    bar.finish();
    expect(stream.written).toEqual([]);
  });

  it('fits the line to the terminal width', () => {
    let clock = 1000;
    const stream = { ...fakeTerminal(), columns: 30 };
    const bar = createProgressBar(stream, { delayMs: 0, now: () => clock })!;
    bar.update(step(5));
    expect(stream.written[0].length).toBe('\r\u001b[K'.length + 29);
  });
});

describe('renderProgress', () => {
  it('shows files done of total, handler modules, workers and elapsed time', () => {
    expect(renderProgress({ done: 5, total: 10, handlerModules: 1, workers: 0 }, 1234)).toBe(`[${'█'.repeat(12)}${'░'.repeat(12)}] 5/10 files · 1 handler module · 1.2s`);
    expect(renderProgress({ done: 10, total: 10, handlerModules: 3, workers: 2 }, 50)).toContain('3 handler modules · 2 workers · 0.1s');
  });
});

describe('on the command line', () => {
  const scriptAvailable = spawnSync('script', ['--version']).status === 0;
  let build: { bin: string; dir: string };
  let tree: string;
  beforeAll(() => {
    build = buildPackage();
    // enough handler modules that the run outlasts the bar's delay on any machine
    tree = fixtureTree('lcs-perf-progress-', 3);
  });
  afterAll(() => [build.dir, tree].forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('writes nothing to stderr when it is not a terminal', () => {
    const result = spawnSync(process.execPath, [build.bin, 'migrate', '.', '--format', 'summary', '--workers', '0'], { cwd: tree, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).not.toContain('█');
  });

  (scriptAvailable ? it : it.skip)('draws the bar on a terminal stderr, and keeps stdout free of it', () => {
    const report = path.join(tree, 'report.txt');
    const command = `${JSON.stringify(process.execPath)} ${JSON.stringify(build.bin)} migrate . --format summary --workers 0 > ${JSON.stringify(report)}`;
    const result = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: tree, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/\[[█░]{24}\] \d+\/\d+ files · \d+ handler modules? · \d+\.\ds/);
    const text = fs.readFileSync(report, 'utf8');
    expect(text).toContain('files scanned');
    expect(text).not.toContain('█');
  });
});
