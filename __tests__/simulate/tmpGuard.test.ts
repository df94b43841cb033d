// The user's files at a handler's /tmp paths are never lost: they wait aside while the cold
// starts run on emptied paths, and come back exactly (same inode where a rename was
// possible, same contents and times where a copy was needed); what the run created goes.
import fs from 'node:fs';
import path from 'node:path';
import { simulate } from '../../src/simulate';
import { TmpBackupError, TmpGuard } from '../../src/simulate/tmpGuard';

const unique = `${process.pid}-${Date.now()}`;
const base = `/tmp/lcs-guard-${unique}`;
const created: string[] = [];

function userFiles(target: string): void {
  fs.mkdirSync(path.join(target, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(target, 'notes.txt'), 'precious');
  fs.writeFileSync(path.join(target, 'sub', 'deep.txt'), 'deep');
  fs.utimesSync(path.join(target, 'notes.txt'), new Date('2020-01-01'), new Date('2020-01-01'));
  created.push(target);
}

function snapshot(target: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of fs.readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      const stats = fs.lstatSync(file);
      if (stats.isDirectory()) walk(file);
      else out[path.relative(target, file)] = `${fs.readFileSync(file, 'utf8')} ${Math.floor(stats.mtimeMs / 1000)}`; // a copy may round below the second
    }
  };
  walk(target);
  return out;
}

const backups = () => fs.readdirSync('/tmp').filter((name) => name.startsWith('lambda-clean-slate-backup-')).sort();

afterAll(() => {
  for (const target of created) fs.rmSync(target, { recursive: true, force: true });
});

describe('TmpGuard', () => {
  it('moves what is there aside, empties the path for each environment, and puts it back exactly', () => {
    const target = `${base}-a`;
    userFiles(target);
    const before = snapshot(target);
    const inode = fs.statSync(path.join(target, 'notes.txt')).ino;
    const existingBackups = backups();
    const guard = TmpGuard.open([target, `${target}/sub/deep.txt`]);
    expect(guard.setAsidePaths).toEqual([target]);
    expect(fs.existsSync(target)).toBe(false);
    // what the run does there is the run's
    guard.prepareEnvironment({});
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'out.txt'), 'from the handler');
    guard.prepareEnvironment({});
    expect(fs.existsSync(path.join(target, 'out.txt'))).toBe(false);
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'notes.txt'), 'overwritten by the handler');
    expect(guard.restore()).toEqual([]);
    expect(snapshot(target)).toEqual(before);
    expect(fs.statSync(path.join(target, 'notes.txt')).ino).toBe(inode);
    expect(backups()).toEqual(existingBackups);
  });

  it('removes the folders the run created where nothing was before', () => {
    const outer = `${base}-b`;
    created.push(outer);
    const guard = TmpGuard.open([`${outer}/deeper/file.txt`]);
    expect(guard.setAsidePaths).toEqual([]);
    guard.prepareEnvironment({});
    fs.mkdirSync(`${outer}/deeper`, { recursive: true });
    fs.writeFileSync(`${outer}/deeper/file.txt`, 'x');
    expect(guard.restore()).toEqual([]);
    expect(fs.existsSync(outer)).toBe(false);
  });

  it('never starts another environment once the files are back', () => {
    const target = `${base}-c`;
    userFiles(target);
    const guard = TmpGuard.open([target]);
    guard.restore();
    expect(() => guard.prepareEnvironment({})).toThrow(/stopped/);
    expect(fs.readFileSync(path.join(target, 'notes.txt'), 'utf8')).toBe('precious');
  });

  it('one run at a time on a path: a second guard is refused, naming the path and the pid, and nothing is touched', () => {
    const target = `${base}-lock`;
    userFiles(target);
    const before = snapshot(target);
    const first = TmpGuard.open([target]);
    // the first run's own files at the path are not the user's
    first.prepareEnvironment({});
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'out.txt'), 'the first run');
    const existingBackups = backups();
    expect(() => TmpGuard.open([`${target}/sub`])).toThrow(TmpBackupError);
    expect(() => TmpGuard.open([target])).toThrow(`another simulate run (pid ${process.pid}) is using ${target}; nothing was changed`);
    expect(fs.readdirSync(target)).toEqual(['out.txt']);
    expect(backups()).toEqual(existingBackups);
    expect(first.restore()).toEqual([]);
    expect(snapshot(target)).toEqual(before);
    // released: the next run may start
    const next = TmpGuard.open([target]);
    expect(next.setAsidePaths).toEqual([target]);
    expect(next.restore()).toEqual([]);
    expect(snapshot(target)).toEqual(before);
    expect(fs.readdirSync('/tmp').filter((name) => name.startsWith('lambda-clean-slate-lock-') && fs.readFileSync(`/tmp/${name}/owner.json`, 'utf8').includes(target))).toEqual([]);
  });

  // /dev/shm is another file system here: a rename from below it into /tmp fails (EXDEV)
  const otherFileSystem = fs.existsSync('/dev/shm') && fs.statSync('/dev/shm').dev !== fs.statSync('/tmp').dev;
  (otherFileSystem ? it : it.skip)('copies where a rename fails, and copies back', () => {
    const real = fs.mkdtempSync('/dev/shm/lcs-guard-');
    const link = `${base}-link`;
    fs.symlinkSync(real, link);
    created.push(link, real);
    const target = `${link}/data`;
    userFiles(target);
    const before = snapshot(target);
    const guard = TmpGuard.open([target]);
    expect(fs.existsSync(target)).toBe(false);
    expect(guard.restore()).toEqual([]);
    expect(snapshot(target)).toEqual(before);
  });

  (otherFileSystem ? it : it.skip)('refuses, deleting nothing, when it can neither rename nor copy', () => {
    const real = fs.mkdtempSync('/dev/shm/lcs-guard-');
    const link = `${base}-fifo`;
    fs.symlinkSync(real, link);
    created.push(link, real);
    const kept = `${base}-kept`;
    userFiles(kept);
    const fifo = `${link}/pipe`;
    require('node:child_process').execFileSync('mkfifo', [fifo]);
    const existingBackups = backups();
    // the first path was moved already: it comes back when the second cannot be moved
    expect(() => TmpGuard.open([kept, fifo])).toThrow(TmpBackupError);
    expect(() => TmpGuard.open([fifo])).toThrow(/cannot set .*pipe aside before the cold starts \(rename: EXDEV, copy: .*\); refusing to run rather than delete it/);
    expect(fs.lstatSync(fifo).isFIFO()).toBe(true);
    expect(fs.readFileSync(path.join(kept, 'notes.txt'), 'utf8')).toBe('precious');
    expect(backups()).toEqual(existingBackups);
  });
});

describe('simulate keeps the files at the handler paths', () => {
  const dir = fs.mkdtempSync('/tmp/lcs-guard-handlers-');
  created.push(dir);
  const target = `${base}-handler`;
  const handler = (name: string, body: string) => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, `const fs = require('fs');\nconst DIR = '${target}';\n${body}\n`);
    return file;
  };
  const leaking = handler('leaks.js', "exports.handler = async (e) => { fs.mkdirSync(DIR, { recursive: true }); fs.appendFileSync(DIR + '/out.txt', 'x'); return fs.readdirSync(DIR).sort().concat(fs.readFileSync(DIR + '/out.txt', 'utf8')); };");

  beforeEach(() => {
    fs.rmSync(target, { recursive: true, force: true });
    userFiles(target);
  });

  it('the cold starts do not see them, and they are back after the run', async () => {
    const before = snapshot(target);
    const result = await simulate({ file: leaking, events: [{}, {}] });
    expect(result.invocations.map((i) => i.cold.outcome)).toEqual([
      { status: 'ok', value: ['out.txt', 'x'] },
      { status: 'ok', value: ['out.txt', 'x'] },
    ]);
    expect(result.verdict).toBe('leak');
    expect(result.setAside).toEqual([target]);
    expect(snapshot(target)).toEqual(before);
  });

  it('and after a module that fails to load', async () => {
    const before = snapshot(target);
    const broken = handler('broken.js', "exports.handler = async () => 1;\nfs.mkdirSync(DIR, { recursive: true }); fs.writeFileSync(DIR + '/notes.txt', 'clobbered'); throw new Error('cannot start');");
    const result = await simulate({ file: broken, events: [{}] });
    expect(result.failure).toMatch(/cannot load .*broken\.js: Error: cannot start/);
    expect(snapshot(target)).toEqual(before);
  });

  it('a handler the module does not export: reported before anything is touched', async () => {
    const stats = fs.statSync(target);
    const result = await simulate({ file: leaking, handler: 'doesNotExist', events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe('the module exports nothing at `doesNotExist` (exports: handler); name the handler with --handler');
    expect(result.invocations).toEqual([]);
    // not even moved and put back: the folder's own times are as they were
    expect(fs.statSync(target).ctimeMs).toBe(stats.ctimeMs);
    expect(fs.statSync('/tmp').ctimeMs).toBeGreaterThan(0);
  });
});
