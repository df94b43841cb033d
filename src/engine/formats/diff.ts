// The default report: a unified diff of every file that would change (coloured on a
// terminal), then the summary.
import { painter } from './ansi';
import { renderSummary } from './summary';
import type { ReportFormat } from './types';
import { unifiedHunks } from './unifiedDiff';

export const diffFormat: ReportFormat = {
  name: 'diff',
  description: 'a unified diff of every file that would change, then the summary (default)',
  render(result, options) {
    const paint = painter(options.color);
    const parts: string[] = [];
    for (const file of result.files) {
      if (!file.changed || file.error) continue;
      const header = `--- a/${file.path}\n+++ b/${file.path}\n`;
      const hunks = unifiedHunks(file.before!, file.after!)
        .split('\n')
        .map((line) => {
          if (line.startsWith('@@')) return paint('cyan', line);
          if (line.startsWith('+')) return paint('green', line);
          if (line.startsWith('-')) return paint('red', line);
          return line;
        })
        .join('\n');
      parts.push(paint('bold', header.trimEnd()) + '\n' + hunks);
    }
    if (parts.length > 0) parts.push('');
    return parts.join('\n') + renderSummary(result, options.color);
  },
};
