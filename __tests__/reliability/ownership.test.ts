// `--write` replaces a file by renaming a new one over it, which needs only the directory's
// permission: the file must still be one this user may write, and it keeps its owner and
// group. Checked as root (the owner is given back) and, through setpriv, as an unprivileged
// user (a read-only file of someone else's is refused; a group-writable one keeps its owner).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../src/engine/writeAtomic';

const asRoot = process.getuid?.() === 0;
const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
const BUILT = path.join(__dirname, '..', '..', 'dist', 'src', 'engine', 'writeAtomic.js');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function folder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-ownership-'));
  dirs.push(dir);
  fs.chmodSync(dir, 0o777);
  return dir;
}

/** Runs writeFileAtomic(file, text) as user and group 65534 (nobody). */
function writeAsNobody(file: string, text: string): { status: number | null; stderr: string } {
  const script = `try { require(${JSON.stringify(BUILT)}).writeFileAtomic(process.argv[1], process.argv[2]); } catch (e) { process.stderr.write(e.code || e.message); process.exit(3); }`;
  const result = spawnSync(setpriv!, ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, '-e', script, file, text], { encoding: 'utf8' });
  return { status: result.status, stderr: result.stderr };
}

(asRoot ? it : it.skip)('keeps the owner and group of a file that belongs to someone else (as root)', () => {
  const file = path.join(folder(), 'handler.js');
  fs.writeFileSync(file, 'old');
  fs.chownSync(file, 65534, 65534);
  writeFileAtomic(file, 'new');
  const stat = fs.statSync(file);
  expect([fs.readFileSync(file, 'utf8'), stat.uid, stat.gid]).toEqual(['new', 65534, 65534]);
});

(asRoot ? it : it.skip)('keeps the setuid and setgid bits of a file that belongs to someone else (as root)', () => {
  const file = path.join(folder(), 'tool.js');
  fs.writeFileSync(file, 'old');
  fs.chownSync(file, 1234, 5678);
  fs.chmodSync(file, 0o6755);
  writeFileAtomic(file, 'new');
  const stat = fs.statSync(file);
  expect([stat.uid, stat.gid, stat.mode & 0o7777]).toEqual([1234, 5678, 0o6755]);
});

(asRoot && setpriv && fs.existsSync(BUILT) ? it : it.skip)('as another user: writes in place a file it may write in a directory it may not write', () => {
  const dir = folder();
  fs.chmodSync(dir, 0o755);
  const file = path.join(dir, 'mine.js');
  fs.writeFileSync(file, 'old');
  fs.chownSync(file, 65534, 65534);
  expect(writeAsNobody(file, 'new').status).toBe(0);
  expect(fs.readFileSync(file, 'utf8')).toBe('new');
  expect(fs.readdirSync(dir)).toEqual(['mine.js']);
});

(asRoot && setpriv && fs.existsSync(BUILT) ? it : it.skip)('as another user: refuses a read-only file, keeps the owner of a writable one', () => {
  const dir = folder();
  fs.chmodSync(path.dirname(dir), fs.statSync(path.dirname(dir)).mode | 0o011);
  const readOnly = path.join(dir, 'readonly.js');
  fs.writeFileSync(readOnly, 'old');
  fs.chmodSync(readOnly, 0o444);
  expect(writeAsNobody(readOnly, 'new')).toEqual({ status: 3, stderr: 'EACCES' });
  expect(fs.readFileSync(readOnly, 'utf8')).toBe('old');

  const shared = path.join(dir, 'shared.js');
  fs.writeFileSync(shared, 'old');
  fs.chmodSync(shared, 0o666);
  expect(writeAsNobody(shared, 'new').status).toBe(0);
  const stat = fs.statSync(shared);
  expect([fs.readFileSync(shared, 'utf8'), stat.uid, stat.gid, stat.mode & 0o777]).toEqual(['new', 0, 0, 0o666]);
  expect(fs.readdirSync(dir).sort()).toEqual(['readonly.js', 'shared.js']);
});
