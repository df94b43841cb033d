// What the engine needs to know from git: where a work tree starts, and which files have
// changes that are not committed (so that --write never overwrites unsaved work).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The work tree root holding `dir` (a `.git` directory, or a `.git` file for worktrees and
 * submodules), found on the file system without running git. Null outside a repository. */
export function findGitRoot(dir: string): string | null {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, '.git'))) return current;
    const parent = path.dirname(current);
    if (parent === current) return null;
    current = parent;
  }
}

/** The given files (absolute) that git reports as modified, staged, added or untracked. */
export function filesWithUncommittedChanges(gitRoot: string, files: string[]): string[] {
  if (files.length === 0) return [];
  const relative = files.map((f) => path.relative(gitRoot, f));
  const output = execFileSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=all', '--', ...relative], {
    cwd: gitRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const dirty = new Set<string>();
  const entries = output.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    dirty.add(path.resolve(gitRoot, entry.slice(3)));
    // a rename or copy is followed by its source path
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return files.filter((f) => dirty.has(f));
}
