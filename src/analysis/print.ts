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
    // recast measured the file's tabs at its parse-time width; printing with another width
    // would re-indent the user's own tab-indented lines
    tabWidth: style.useTabs ? PARSE_TAB_WIDTH : style.tabWidth,
    useTabs: style.useTabs,
    lineTerminator: style.lineTerminator,
    arrowParensAlways: style.arrowParens !== 'avoid',
    reuseWhitespace: true,
  });
  if (style.semicolons && !style.useTabs) return printed;

  const existing = new Set(originalSource.split(/\r?\n/));
  return printed
    .split(style.lineTerminator)
    .map((line) => {
      if (existing.has(line)) return line;
      let out = line;
      if (!style.semicolons && !/^\s*for\s*\(/.test(out)) out = out.replace(/;(\s*)$/, '$1');
      // recast indents the first line of a re-printed block with spaces even with useTabs
      // (benjamn/recast#315)
      if (style.useTabs) out = out.replace(/^[ \t]+/, (indent) => tabsFor(indent));
      return out;
    })
    .join(style.lineTerminator);
}

/** recast's default tab width, which `j(source)` parses with. */
const PARSE_TAB_WIDTH = 4;

function tabsFor(indent: string): string {
  const columns = [...indent].reduce((n, c) => (c === '\t' ? n + PARSE_TAB_WIDTH - (n % PARSE_TAB_WIDTH) : n + 1), 0);
  return '\t'.repeat(Math.floor(columns / PARSE_TAB_WIDTH)) + ' '.repeat(columns % PARSE_TAB_WIDTH);
}
