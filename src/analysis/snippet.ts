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
  return programPath(j, j(`\n${code}\n`))!.node.body;
}

/** A string literal in the file's quote style. */
export function quoted(text: string, style: CodeStyle): string {
  const quote = style.quote === 'double' ? '"' : "'";
  return quote + text.replace(/\\/g, '\\\\').split(quote).join('\\' + quote) + quote;
}

/** The statement terminator the file uses: `;` or nothing. */
export function semicolon(style: CodeStyle): string {
  return style.semicolons ? ';' : '';
}
