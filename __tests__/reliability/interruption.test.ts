// Interruption: `migrate --write` killed at moments spread over its writing phase, with
// SIGINT, SIGTERM and SIGKILL. Every file must be either as it was or fully migrated. After
// SIGINT and SIGTERM no temporary file may remain (the command line ends between two files);
// after SIGKILL a temporary file may remain, named as the tool's, and the next --write
// removes it and finishes the job.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage } from '../e2e/cli';

const DIRECTORIES = 8;
const FILES_PER_DIRECTORY = 25;
const LEFTOVER = /^\.(.+)\.lambda-clean-slate-\d+-[0-9a-f]{8}\.tmp$/;

function handlerSource(d: number, i: number): string {
  return [
    "const fs = require('fs');",
    'let count = 0;',
    'const seen = new Set();',
    '',
    'exports.handler = async (event) => {',
    '  count++;',
    '  seen.add(event.id);',
    `  fs.writeFileSync('/tmp/out-${d}-${i}.json', JSON.stringify(event));`,
    `  return { count, size: seen.size, n: ${d * FILES_PER_DIRECTORY + i} };`,
    '};',
    '',
  ].join('\n');
}

let bin: string;
const dirs: string[] = [];
let original: string;
let originals: Map<string, string>;
let migrated: Map<string, string>;
/** Milliseconds from the first file written to the last, in a run left alone. */
let writePhaseMs: number;

function tempDir(label: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `lcs-reliability-interrupt-${label}-`)));
  dirs.push(dir);
  return dir;
}

function readTree(dir: string): Map<string, string> {
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.js')).sort();
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')]));
}

function leftovers(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => !f.endsWith('.js') && fs.lstatSync(path.join(dir, f)).isFile());
}

function copyOfOriginal(label: string): string {
  const dir = tempDir(label);
  fs.cpSync(original, dir, { recursive: true });
  return dir;
}

/** One thread, so that the run is the same on any machine (workers only change the analysis). */
const ARGS = (bin: string) => [bin, 'migrate', '.', '--write', '--format', 'summary', '--workers', '0'];
/** Files are written in path order: this one first. */
const FIRST_WRITTEN = path.join('d0', 'h0.js');

beforeAll(() => {
  ({ bin } = buildPackage());
  dirs.push(path.dirname(path.dirname(bin)));
  original = tempDir('original');
  for (let d = 0; d < DIRECTORIES; d++) {
    fs.mkdirSync(path.join(original, `d${d}`));
    for (let i = 0; i < FILES_PER_DIRECTORY; i++) fs.writeFileSync(path.join(original, `d${d}`, `h${i}.js`), handlerSource(d, i));
  }
  originals = readTree(original);

  // a run left alone: what each file becomes, and how long the writing takes
  const calibration = copyOfOriginal('calibration');
  const run = spawnSync(process.execPath, ARGS(bin), { cwd: calibration, encoding: 'utf8' });
  expect(run.status).toBe(0);
  migrated = readTree(calibration);
  expect([...migrated].every(([f, text]) => text !== originals.get(f))).toBe(true);
  const times = [...migrated.keys()].map((f) => fs.statSync(path.join(calibration, f)).mtimeMs);
  writePhaseMs = Math.max(...times) - Math.min(...times);
}, 120_000);

afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/**
 * Starts a --write run and sends `signal` at `moment`: a fraction of the writing phase
 * after the first file is written (the phase is found by watching that file, so the kill
 * lands where meant however loaded the machine is), or, for a negative moment, during the
 * analysis, before any file is written. Resolves when the run has ended.
 */
function killedRun(dir: string, signal: NodeJS.Signals, moment: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ARGS(bin), { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const first = path.join(dir, FIRST_WRITTEN);
    const before = fs.statSync(first).mtimeMs;
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill(signal);
    const watch = setInterval(() => {
      const started = fs.statSync(first).mtimeMs !== before;
      if (moment < 0 || started) {
        clearInterval(watch);
        timer = setTimeout(kill, Math.max(0, moment) * writePhaseMs);
      }
    }, moment < 0 ? 800 : 2);
    child.on('close', (code, received) => {
      clearInterval(watch);
      clearTimeout(timer);
      resolve({ code, signal: received, stderr });
    });
  });
}

/** Where to kill: during the analysis (negative), then fractions of the writing phase. */
const MOMENTS = [-1, 0.1, 0.6];
/** The command line's exit status when it ends on a signal (before it has set its listener, the signal itself ends it). */
const EXIT_STATUS: Record<string, number> = { SIGINT: 130, SIGTERM: 143 };

describe.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('migrate --write killed with %s', (signal) => {
  it('leaves every file as it was or fully migrated, at every moment', async () => {
    let landedMidRun = 0;
    const moments: string[] = [];
    for (const moment of MOMENTS) {
      const dir = copyOfOriginal(signal.toLowerCase());
      const ended = await killedRun(dir, signal, moment);
      const tree = readTree(dir);
      expect([...tree.keys()]).toEqual([...originals.keys()]);
      let old = 0;
      let fresh = 0;
      for (const [file, text] of tree) {
        if (text === originals.get(file)) old++;
        else if (text === migrated.get(file)) fresh++;
        else throw new Error(`${signal} at ${moment}: ${file} is neither the original nor the migrated text`);
      }
      if (old > 0 && fresh > 0) landedMidRun++;
      moments.push(`${moment}: ${fresh}/${tree.size} migrated, ${leftovers(dir).length} temporary, exit ${ended.code ?? ended.signal}`);
      // the run ended by the signal (the command line's exit status for it), or had finished before it came
      const endedBySignal = ended.signal === signal || ended.code === EXIT_STATUS[signal];
      expect(endedBySignal || (ended.code === 0 && fresh === tree.size)).toBe(true);
      // killed during the analysis: nothing written at all
      if (moment < 0 && endedBySignal) expect(fresh).toBe(0);
      // stopped while writing: the run says how far it came
      if (signal !== 'SIGKILL' && ended.code === EXIT_STATUS[signal] && fresh > 0) {
        expect(ended.stderr).toContain(`lambda-clean-slate: interrupted; wrote ${fresh} of ${tree.size} files`);
      }

      const left = leftovers(dir);
      if (signal === 'SIGKILL') {
        // a temporary file may remain, named as the tool's, beside a file still in its old state
        for (const f of left) {
          const m = LEFTOVER.exec(path.basename(f));
          expect(m).not.toBeNull();
          expect(tree.get(path.join(path.dirname(f), m![1]))).toBe(originals.get(path.join(path.dirname(f), m![1])));
        }
        // the next run removes it and finishes the job
        if (left.length === 0 && (old === 0 || fresh === 0)) continue;
        const again = spawnSync(process.execPath, ARGS(bin), { cwd: dir, encoding: 'utf8' });
        expect(again.status).toBe(0);
        expect(leftovers(dir)).toEqual([]);
        expect(readTree(dir)).toEqual(migrated);
      } else {
        expect(left).toEqual([]);
      }
    }
    // the moments are spread over the writing phase: some kill must have landed inside it
    expect({ landedMidRun: landedMidRun > 0, moments }).toEqual({ landedMidRun: true, moments });
  }, 180_000);
});
