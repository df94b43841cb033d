// Replaces a file so that an interrupted run leaves it either old or new, never half
// written: a temporary file beside it, flushed to disk, then renamed over it. The file
// keeps its mode.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function writeFileAtomic(file: string, text: string): void {
  const mode = fs.statSync(file).mode & 0o7777;
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  const fd = fs.openSync(temporary, 'wx', mode);
  let open = true;
  try {
    fs.writeSync(fd, text, null, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    open = false;
    // openSync's mode is filtered by the umask; set it exactly
    fs.chmodSync(temporary, mode);
    fs.renameSync(temporary, file);
  } catch (error) {
    if (open) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
}
