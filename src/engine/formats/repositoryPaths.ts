// Paths as a repository names them, for the reports that speak to code review (SARIF,
// Markdown): relative to the repository root, whatever directory the run started in.
import fs from 'node:fs';
import path from 'node:path';

/** A path as the file system names it (links resolved), so that it compares with files' real paths. */
export function realPathOf(target: string): string {
  try {
    return fs.realpathSync(target);
  } catch {
    return target;
  }
}

/** The segments of `absolute` below `root`, or null when it lies outside `root`. */
export function segmentsBelow(root: string, absolute: string): string[] | null {
  const relative = path.relative(root, absolute);
  if (relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return relative.split(path.sep);
}
