import type { Collection } from 'jscodeshift';
import type { CodeStyle } from './types';

/** Prints a changed tree in the file's own style. recast reuses the original text of
 * every untouched node; only generated nodes are printed fresh, with the measured
 * quotes, indentation and line endings. recast has no option to omit semicolons, so in
 * a file written without them the semicolons are taken off the lines that did not exist
 * before (generated lines only; the user's own lines are never touched). */
export function printWithStyle(root: Collection<any>, style: CodeStyle, originalSource: string): string {
  const printed = root.toSource({
    quote: style.quote,
    tabWidth: style.tabWidth,
    useTabs: style.useTabs,
    lineTerminator: style.lineTerminator,
    reuseWhitespace: true,
  });
  if (style.semicolons) return printed;

  const existing = new Set(originalSource.split(/\r?\n/));
  return printed
    .split(style.lineTerminator)
    .map((line) => (existing.has(line) || /^\s*for\s*\(/.test(line) ? line : line.replace(/;(\s*)$/, '$1')))
    .join(style.lineTerminator);
}
