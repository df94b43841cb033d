// Generated code written as text in the file's own style and parsed with the file's own
// parser. recast keeps a parsed snippet's text as it was written, so the statements read
// exactly as below in the output (one line each, the file's quotes and semicolons),
// instead of the layout recast would choose for freshly built nodes.
import type { JSCodeshift } from 'jscodeshift';
import type { CodeStyle } from './types';
import { programPath } from './scope';

/** Parses one or more statements (or a function header) with the file's parser and
 * returns the program's statements. recast spaces a reused statement by the blank lines
 * around it in its own text, so the code is framed by line breaks (at least one newline
 * before and after); start or end `code` with '\n' to ask for a blank line there. */
export function parseStatements(j: JSCodeshift, code: string): any[] {
  let parsed = parsedSnippets.get(j);
  if (!parsed) parsedSnippets.set(j, (parsed = new Map()));
  let statements = parsed.get(code);
  if (!statements) {
    statements = programPath(j, j(`\n${code}\n`))!.node.body as any[];
    if (parsed.size >= MAX_CACHED_SNIPPETS) parsed.clear();
    parsed.set(code, statements);
  }
  return copyParsed(statements, new Map());
}

// The same snippets come back for every handler module (the container id, the invocation
// counter, a context parameter), and a parse costs far more than a copy. The parsed
// statements stay untouched in the cache; callers get copies, which they may change.
const parsedSnippets = new WeakMap<JSCodeshift, Map<string, any[]>>();
const MAX_CACHED_SNIPPETS = 1000;

/** A copy of parsed nodes as recast's own parse makes them: each copied node links to the
 * same `original` and shares its `loc` (the snippet's text and tokens, which recast only
 * reads), so recast reprints it from the snippet's text just as it would the parse's own
 * tree. A node reached twice (an estree shorthand property's key and value) is copied once. */
function copyParsed(value: any, copies: Map<object, any>): any {
  if (typeof value !== 'object' || value === null) return value;
  const known = copies.get(value);
  if (known) return known;
  if (Array.isArray(value)) {
    const copy: any[] = [];
    copies.set(value, copy);
    for (const element of value) copy.push(copyParsed(element, copies));
    return copy;
  }
  if (Object.prototype.toString.call(value) !== '[object Object]') return value;
  const copy = Object.create(Object.getPrototypeOf(value));
  if (hasOwn.call(value, 'original')) Object.defineProperty(copy, 'original', { ...Object.getOwnPropertyDescriptor(value, 'original') });
  copies.set(value, copy);
  for (const key of Object.keys(value)) copy[key] = key === 'loc' ? value.loc : copyParsed(value[key], copies);
  return copy;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** A string literal in the file's quote style. */
export function quoted(text: string, style: CodeStyle): string {
  const quote = style.quote === 'double' ? '"' : "'";
  return quote + text.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

/** The statement terminator the file uses: `;` or nothing. */
export function semicolon(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}
