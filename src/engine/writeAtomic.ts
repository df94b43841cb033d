// Replaces a file so that an interrupted run leaves it either old or new, never half
// written: a temporary file beside it, flushed to disk, then renamed over it. The file
// keeps its mode, owner and group; a file this user may not write is not written.
//
// A process killed between creating the temporary file and renaming it (SIGKILL, a power
// cut) leaves the temporary file behind. Its name says whose it is:
// `.<file>.lambda-clean-slate-<pid>-<random>.tmp`; the next write of the same file removes
// the ones whose process is no longer running.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const MARK = 'lambda-clean-slate';
const LEFTOVER_SUFFIX = /^(\d+)-[0-9a-f]{8}\.tmp$/;

export function writeFileAtomic(file: string, text: string): void {
  const stat = fs.statSync(file);
  const mode = stat.mode & 0o7777;
  // renaming over a file needs only the directory's permission: a file this user may not
  // write stays as it is (EACCES), as an editor or jscodeshift would leave it
  fs.accessSync(file, fs.constants.W_OK);
  removeLeftoverTemporaries(file);
  const temporary = path.join(path.dirname(file), `${temporaryPrefix(file)}${process.pid}-${crypto.randomBytes(4).toString('hex')}.tmp`);
  let fd: number;
  try {
    fd = fs.openSync(temporary, 'wx', mode);
  } catch (error: any) {
    // a directory this user may not create files in, holding a file it may write: in place
    if (error.code !== 'EACCES' && error.code !== 'EPERM') throw error;
    fs.writeFileSync(file, text, 'utf8');
    return;
  }
  let open = true;
  try {
    fs.writeSync(fd, text, null, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    if (!sameOwner(temporary, stat)) {
      // the new file would belong to this user: when it cannot be given to the file's owner
      // (only root may), the file is written in place, which keeps owner, group and links
      fs.rmSync(temporary, { force: true });
      fs.writeFileSync(file, text, 'utf8');
      return;
    }
    // openSync's mode is filtered by the umask; set it exactly, after the owner (a change of
    // owner clears the setuid and setgid bits)
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, file);
  } catch (error) {
    if (open) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}

/** True when the temporary file has (or could be given) the owner and group of the original. */
function sameOwner(temporary: string, original: fs.Stats): boolean {
  const created = fs.statSync(temporary);
  if (created.uid === original.uid && created.gid === original.gid) return true;
  try {
    fs.chownSync(temporary, original.uid, original.gid);
    return true;
  } catch {
    return false;
  }
}

/** Removes the temporary files that killed runs left beside `file`; returns their paths.
 * A temporary file of a process that still runs (another run writing the same tree) is left alone. */
export function removeLeftoverTemporaries(file: string): string[] {
  const dir = path.dirname(file);
  const prefix = temporaryPrefix(file);
  const removed: string[] = [];
  for (const name of fs.readdirSync(dir)) {
    const m = name.startsWith(prefix) ? LEFTOVER_SUFFIX.exec(name.slice(prefix.length)) : null;
    if (!m || isOtherRunningProcess(Number(m[1]))) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(path.join(dir, name));
  }
  return removed;
}

function temporaryPrefix(file: string): string {
  return `.${path.basename(file)}.${MARK}-`;
}

/** This process has no temporary file open while it looks for leftovers, so its own pid
 * (reused by a container that always starts the tool with the same pid) counts as gone. */
function isOtherRunningProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: any) {
    // EPERM: the process exists but belongs to someone else
    return error.code === 'EPERM';
  }
}
