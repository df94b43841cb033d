// `--format markdown`: a pull-request comment (or job summary). A heading with the verdict,
// the summary tables, errors and review items, then one collapsible diff per changed file.
// GitHub refuses comments over 65,536 characters, so the report is laid out within a
// budget well under that, and says clearly what it left out.
import path from 'node:path';
import type { Finding } from '../../analysis/types';
import type { FileResult, MigrateResult } from '../results';
import { inLineOrder } from './json';
import { escapeHtml, fencedBlock, inlineCode, inlineMarkdown } from './markdownText';
import { errorLocation, findingLocation } from './summary';
import { realPathOf, segmentsBelow } from './repositoryPaths';
import type { ReportFormat } from './types';
import { unifiedHunks } from './unifiedDiff';

/** Room left under GitHub's limit for a bot's own header or footer around the report. */
export const MARKDOWN_LIMIT = 60_000;
/** Kept free for the note that says what was cut. */
const NOTE_RESERVE = 700;
/** A file's diff is shown cut rather than left out when at least this much room is left. */
const SMALLEST_PARTIAL_DIFF = 1_500;

export function renderMarkdown(given: MigrateResult, limit = MARKDOWN_LIMIT): string {
  // a pull-request comment names files as the repository does, wherever the run started
  const result = relativeToRepository(given);
  const head = `${heading(result)}\n\n${summaryTables(result)}\n`;
  // a few characters more for the blank lines that join the sections
  let room = limit - head.length - NOTE_RESERVE - 16;
  const cuts: string[] = [];
  const sections: string[] = [];

  const lists: [title: string, items: string[], what: string][] = [
    ['Errors (files left unchanged)', errorItems(result), 'errors'],
    ['For review', reviewItems(result), 'items for review'],
    ['Notes', result.notes.map((note) => `- ${inlineMarkdown(note)}`), 'notes'],
  ];
  for (const [title, items, what] of lists) {
    if (items.length === 0) continue;
    // lists may take a third of what is left each, so that diffs still get room
    const section = cappedList(title, items, Math.floor(room / 3));
    if (section.left > 0) cuts.push(`${section.left} of ${items.length} ${what}`);
    sections.push(section.text);
    room -= section.text.length;
  }

  const changed = result.files.filter((f) => f.changed && !f.error);
  if (changed.length > 0) {
    const title = `### Changes\n\n`;
    room -= title.length;
    const blocks: string[] = [];
    for (let i = 0; i < changed.length; i++) {
      const diff = displayDiff(changed[i]);
      const whole = fileBlock(changed[i], diff);
      if (whole.length <= room) {
        blocks.push(whole);
        room -= whole.length;
        continue;
      }
      let shownPartly = 0;
      if (room >= SMALLEST_PARTIAL_DIFF) {
        const partial = cutDiff(diff, room - (whole.length - diff.length) - 200);
        blocks.push(fileBlock(changed[i], partial.text, partial.left));
        shownPartly = 1;
        cuts.push(`the end of one file's diff (marked where it stops)`);
      }
      const notShown = changed.length - i - shownPartly;
      if (notShown > 0) cuts.push(`the diffs of ${notShown} more changed file${notShown === 1 ? '' : 's'}`);
      break;
    }
    sections.push(title + blocks.join(''));
  }

  const note = cuts.length > 0 ? cutNote(cuts) : '';
  return `${head}${note}${sections.join('')}`.replace(/\n+$/, '\n');
}

function heading(result: MigrateResult): string {
  const { summary } = result;
  const files = (n: number) => `${n} file${n === 1 ? '' : 's'}`;
  let title: string;
  const failed = unprocessedCount(result);
  if (failed > 0) title = `❌ lambda-clean-slate: ${files(failed)} could not be processed`;
  else if (summary.filesChanged > 0 && !result.wrote) title = `⚠️ lambda-clean-slate: ${files(summary.filesChanged)} would change`;
  else if (summary.filesChanged > 0) title = `✅ lambda-clean-slate: changed ${files(summary.filesChanged)}`;
  else title = '✅ lambda-clean-slate: nothing to change';

  const lines = [`## ${title}`, ''];
  if (summary.filesChanged > 0 && !result.wrote) {
    lines.push('The changes below make every invocation of these handlers start clean, as a cold start does. ' +
      'To apply them, run `npx lambda-clean-slate migrate --write` on the same paths and commit the result.');
  } else if (summary.handlerModules === 0 && failed === 0) {
    lines.push(`No handler modules among ${files(summary.filesScanned)} scanned.`);
  } else {
    lines.push(`${files(summary.handlerModules)} with handlers checked.`);
  }
  if (summary.reviewItems > 0) lines[lines.length - 1] += ` ${summary.reviewItems} item${summary.reviewItems === 1 ? '' : 's'} left for a person to review.`;
  return lines.join('\n');
}

function summaryTables(result: MigrateResult): string {
  const { summary } = result;
  const rows: [string, number][] = [
    ['Files scanned', summary.filesScanned],
    ['Handler modules', summary.handlerModules],
    [result.wrote ? 'Files changed' : 'Files that would change', summary.filesChanged],
    ['Items for review', summary.reviewItems],
    ['Errors', summary.errors],
  ];
  const unreadable = result.skipped.filter((s) => s.unprocessed).length;
  if (unreadable > 0) rows.push(['Paths not processed', unreadable]);
  if (summary.skipped > 0) rows.push(['Files skipped', summary.skipped]);
  const counts = ['| | |', '| --- | ---: |', ...rows.map(([label, n]) => `| ${label} | ${n} |`)].join('\n');

  const reviewByTransform = new Map<string, number>();
  for (const file of result.files) for (const item of file.review) reviewByTransform.set(item.transform, (reviewByTransform.get(item.transform) ?? 0) + 1);
  const perTransform = [
    '| Transform | Changes | For review |',
    '| --- | ---: | ---: |',
    ...result.transforms.map((name) => `| \`${name}\` | ${summary.changesByTransform[name] ?? 0} | ${reviewByTransform.get(name) ?? 0} |`),
  ].join('\n');
  // where the handlers' names came from, as the summary says it
  const names = result.manifests.length > 0 ? `\nHandler names from ${result.manifests.map(inlineCode).join(', ')}.\n` : '';
  return result.transforms.length > 0 ? `${counts}\n\n${perTransform}\n${names}` : `${counts}\n${names}`;
}

function errorItems(result: MigrateResult): string[] {
  const errors = result.files.filter((f) => f.error).map((f) => `- ${inlineCode(errorLocation(f))} ${inlineMarkdown(f.error!.message)}`);
  // paths the run meant to read and could not (binary, too large, a broken link): they fail it too
  const unprocessed = result.skipped.filter((s) => s.unprocessed).map((s) => `- ${inlineCode(s.path)} ${inlineMarkdown(s.reason)}`);
  return [...errors, ...unprocessed].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The result with file paths relative to the repository root (forward slashes), as code
 * scanning and pull requests show them; unchanged outside a repository, and for a path outside it. */
function relativeToRepository(result: MigrateResult): MigrateResult {
  if (!result.gitRoot) return result;
  const root = realPathOf(result.gitRoot);
  const shown = (absolute: string, fallback: string) => {
    const segments = segmentsBelow(root, absolute);
    return segments === null || segments.join('') === '' ? fallback : segments.join('/');
  };
  return {
    ...result,
    // a file's absolute path is its real path already
    files: result.files.map((file) => ({ ...file, path: shown(file.absolutePath, file.path) })),
    skipped: result.skipped.map((skipped) => ({ ...skipped, path: shown(realPathOf(path.resolve(result.cwd, skipped.path)), skipped.path) })),
    manifests: result.manifests.map((manifest) => shown(realPathOf(path.resolve(result.cwd, manifest)), manifest)),
  };
}

/** Files with an error, and paths the run meant to read and could not: what makes it exit 2. */
export function unprocessedCount(result: MigrateResult): number {
  return result.summary.errors + result.skipped.filter((s) => s.unprocessed).length;
}

function reviewItems(result: MigrateResult): string[] {
  return result.files.flatMap((file) => inLineOrder(file.review).map((item) => `- ${inlineCode(findingLocation(file, item))} **${item.transform}**: ${inlineMarkdown(item.message)}`));
}

/** A titled list of at most `budget` characters, ending with a count of what did not fit. */
function cappedList(title: string, items: string[], budget: number): { text: string; left: number } {
  let text = `### ${title}\n\n`;
  let shown = 0;
  for (const item of items) {
    if (text.length + item.length + 1 > budget - 120) break;
    text += `${item}\n`;
    shown++;
  }
  const left = items.length - shown;
  if (left > 0) text += `- … and ${left} more (the \`--format json\` and \`--format sarif\` reports list them all)\n`;
  return { text: `${text}\n`, left };
}

/** The hunks as a reader sees them: CRLF files would show stray carriage returns. */
function displayDiff(file: FileResult): string {
  return unifiedHunks(file.before!, file.after!).replace(/\r(?=\n|$)/g, '');
}

function fileBlock(file: FileResult, diff: string, linesLeft = 0): string {
  const summary = `${inlineHtmlCode(file.path)}: ${describeChanges(file.changes)}`;
  const cut = linesLeft > 0 ? `\n_${linesLeft} more line${linesLeft === 1 ? '' : 's'} of this diff not shown._\n` : '';
  return `<details>\n<summary>${summary}</summary>\n\n${fencedBlock(diff, 'diff')}${cut}\n</details>\n\n`;
}

function inlineHtmlCode(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

function describeChanges(changes: Finding[]): string {
  const byTransform = new Map<string, number>();
  for (const change of changes) byTransform.set(change.transform, (byTransform.get(change.transform) ?? 0) + 1);
  const parts = [...byTransform].map(([name, n]) => `${name} ${n}`).join(', ');
  return `${changes.length} change${changes.length === 1 ? '' : 's'}${parts ? ` (${parts})` : ''}`;
}

/** The first lines of a diff that fit in `budget` characters (a single overlong line is cut). */
function cutDiff(diff: string, budget: number): { text: string; kept: number; left: number } {
  const lines = diff.replace(/\n$/, '').split('\n');
  let text = '';
  let kept = 0;
  for (const line of lines) {
    if (text.length + line.length + 1 > budget) {
      if (kept === 0) {
        text = `${line.slice(0, Math.max(0, budget - 2))}…\n`;
        kept = 1;
      }
      break;
    }
    text += `${line}\n`;
    kept++;
  }
  return { text, kept, left: lines.length - kept };
}

function cutNote(cuts: string[]): string {
  return (
    '> [!NOTE]\n' +
    `> This report was cut to stay under GitHub's comment size limit. Not shown: ${cuts.join('; ')}.\n` +
    '> Run `npx lambda-clean-slate migrate` on the same paths for the whole diff (`--format patch` to apply it, `--format json` for every finding).\n\n'
  );
}

export const markdownFormat: ReportFormat = {
  name: 'markdown',
  description: 'a pull-request comment: verdict, summary tables, review items and a collapsible diff per file',
  render: (result) => renderMarkdown(result),
};
