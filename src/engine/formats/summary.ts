// The summary that ends every human-readable report: counts, then the items a person
// should look at (review items and errors, each as file:line:col).
import type { Finding } from '../../analysis/types';
import type { FileResult, MigrateResult } from '../results';
import { painter } from './ansi';
import type { ReportFormat } from './types';

export function renderSummary(result: MigrateResult, color: boolean): string {
  const paint = painter(color);
  const { summary } = result;
  const changeVerb = result.wrote ? 'files changed' : 'files that would change';
  const perTransform = Object.entries(summary.changesByTransform)
    .map(([name, count]) => `${name} ${count}`)
    .join(', ');
  const lines = [
    paint('bold', 'lambda-clean-slate migrate'),
    `  files scanned:            ${summary.filesScanned}`,
    `  handler modules found:    ${summary.handlerModules}`,
    `  ${(changeVerb + ':').padEnd(26)}${summary.filesChanged}`,
    `  changes per transform:    ${perTransform || 'none'}`,
    `  items for review:         ${summary.reviewItems}`,
    `  errors:                   ${summary.errors}`,
  ];
  if (result.manifests.length > 0) lines.push(`  handler names from:       ${result.manifests.join(', ')}`);

  const review = result.files.flatMap((f) =>
    [...f.review].sort((a, b) => a.line - b.line || a.column - b.column).map((item) => ({ file: f, item })),
  );
  if (review.length > 0) {
    // after --write the files have moved on: the positions are those of the files as read
    const written = result.files.some((f) => f.written && f.review.length > 0);
    lines.push('', paint('yellow', written ? 'For review (lines of the files before this run changed them):' : 'For review:'));
    for (const { file, item } of review) lines.push(`  ${findingLocation(file, item)}  ${item.transform}: ${item.message}`);
  }
  const errors = result.files.filter((f) => f.error);
  if (errors.length > 0) {
    lines.push('', paint('red', 'Errors (files left unchanged):'));
    for (const file of errors) lines.push(`  ${errorLocation(file)}  ${file.error!.message}`);
  }
  const unprocessed = result.skipped.filter((s) => s.unprocessed);
  if (unprocessed.length > 0) {
    lines.push('', paint('red', 'Not processed:'));
    for (const s of unprocessed) lines.push(`  ${s.path}  ${s.reason}`);
  }
  const skipped = result.skipped.filter((s) => !s.unprocessed);
  if (skipped.length > 0) {
    lines.push('', 'Skipped:');
    for (const s of skipped) lines.push(`  ${s.path}  ${s.reason}`);
  }
  if (result.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const note of result.notes) lines.push(`  ${note}`);
  }
  return lines.join('\n') + '\n';
}

export function findingLocation(file: FileResult, finding: Finding): string {
  return `${file.path}:${finding.line}:${finding.column}`;
}

/** file:line:col, or the file alone for errors that have no position (read or write errors). */
export function errorLocation(file: FileResult): string {
  const error = file.error!;
  return error.line > 0 ? `${file.path}:${error.line}:${error.column}` : file.path;
}

export const summaryFormat: ReportFormat = {
  name: 'summary',
  description: 'the summary alone: counts, items for review, errors',
  render: (result, options) => renderSummary(result, options.color),
};
