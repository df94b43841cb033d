// Temporary files that a killed run (SIGKILL, a power cut) left beside a file: the next
// write of that file removes those whose process is gone, and nothing else.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeLeftoverTemporaries, writeFileAtomic } from '../../src/engine/writeAtomic';

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('temporary files left by a killed run', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-reliability-leftovers-')));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are removed by the next write of the same file when their process is gone; a running process keeps its own', () => {
    const file = path.join(dir, 'handler.js');
    fs.writeFileSync(file, 'old');
    const dead = `.handler.js.lambda-clean-slate-${deadPid()}-0badc0de.tmp`;
    const mine = `.handler.js.lambda-clean-slate-${process.pid}-00c0ffee.tmp`;
    const running = `.handler.js.lambda-clean-slate-${process.ppid}-1234abcd.tmp`;
    const others = ['.handler.js.swp', '.other.js.lambda-clean-slate-1-0badc0de.tmp', '.handler.js.lambda-clean-slate-1-xyz.tmp', 'handler.js.tmp'];
    for (const name of [dead, mine, running, ...others]) fs.writeFileSync(path.join(dir, name), 'partial');

    writeFileAtomic(file, 'new');

    expect(fs.readFileSync(file, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir).sort()).toEqual(['handler.js', running, ...others].sort());
  });

  it('reports what it removed', () => {
    const file = path.join(dir, 'a.ts');
    fs.writeFileSync(file, 'x');
    const leftover = path.join(dir, `.a.ts.lambda-clean-slate-${deadPid()}-deadbeef.tmp`);
    fs.writeFileSync(leftover, 'partial');
    expect(removeLeftoverTemporaries(file)).toEqual([leftover]);
    expect(removeLeftoverTemporaries(file)).toEqual([]);
  });
});
