// A git-style patch of every file that would change, for `git apply` from the repository
// root (paths relative to the git work tree holding the working directory, else to the
// working directory). Applying it gives byte for byte what `--write` writes.
import path from 'node:path';
import type { ReportFormat } from './types';
import { quoteGitPath, unifiedHunks } from './unifiedDiff';

export const patchFormat: ReportFormat = {
  name: 'patch',
  description: 'a patch for `git apply` (from the repository root), equal to what --write does',
  render(result) {
    const base = result.gitRoot ?? result.cwd;
    let out = '';
    for (const file of result.files) {
      if (!file.changed || file.error) continue;
      const name = path.relative(base, file.absolutePath).split(path.sep).join('/');
      const a = quoteGitPath(`a/${name}`);
      const b = quoteGitPath(`b/${name}`);
      out += `diff --git ${a} ${b}\n--- ${a}\n+++ ${b}\n${unifiedHunks(file.before!, file.after!)}`;
    }
    return out;
  },
};
