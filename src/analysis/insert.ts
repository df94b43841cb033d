// Putting generated statements where they belong without disturbing the user's code.
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { HandlerInfo } from './types';
import { programPath } from './scope';
import { parseStatements } from './snippet';
import { originalText } from './sourceExcerpt';

/** Makes sure the handler has a block body (`async (e) => work(e)` becomes
 * `async (e) => { return work(e); }`) and returns that body's statement list. */
export function handlerBody(j: JSCodeshift, handler: HandlerInfo): any[] {
  const fn: any = handler.fn.node;
  if (fn.body.type !== 'BlockStatement') {
    const expression = fn.body;
    // `return` with the expression's own text, so that it reads as the user wrote it (an
    // object literal printed afresh would be spread over several lines)
    const text = originalText(expression);
    const [written] = text !== null && !text.includes('\n') ? parseStatements(j, `return ${text};`) : [];
    if (written?.type === 'ReturnStatement') {
      fn.body = j.blockStatement([written]);
    } else {
      // `() => ({ ... })` needs its parentheses; `return { ... }` does not
      if (expression.extra?.parenthesized) expression.extra = { ...expression.extra, parenthesized: false };
      fn.body = j.blockStatement([j.returnStatement(expression)]);
    }
  }
  return fn.body.body;
}

/** Inserts statements as the first statements of the handler body (after directives such
 * as 'use strict', which the parsers keep apart from the body). Transforms run in
 * TRANSFORM_ORDER and each prepends, which yields the spec's order inside the handler. */
export function prependToHandler(j: JSCodeshift, handler: HandlerInfo, statements: any[]): void {
  if (statements.length === 0) return;
  const body = handlerBody(j, handler);
  const block: any = handler.fn.node.body;
  if (block.loc && block.loc.start.line === block.loc.end.line && !spreadBlocks.has(block)) {
    // A body written on one line (`{ add(1); hits++; return hits; }`): recast would keep the
    // user's statements run together after the generated lines. Each is given its own line,
    // as its own text, parsed again.
    spreadBlocks.add(block);
    for (let i = 0; i < body.length; i++) body[i] = parseStatements(j, j(body[i]).toSource())[0] ?? body[i];
  }
  alignWithItsLine(block);
  // after the body's directives ('use strict' in the estree tree is a statement of the body;
  // the ts parser keeps directives apart): code above one would end the directive prologue
  let start = 0;
  while (start < body.length && isDirective(body[start])) start++;
  body.splice(start, 0, ...statements);
}

const spreadBlocks = new WeakSet<object>();

/** recast indents a reprinted node from the line where the statement around it begins, so
 * the body of a handler that opens on a continuation line (`  .handler(async (event) => {`
 * in a middy chain) would lose the chain's indentation, closing brace and all. The node (a
 * handler's body or function) is told the indentation of its own first line instead, which
 * is what the user's statements inside it are indented from. */
export function alignWithItsLine(node: any): void {
  const loc = node.loc;
  if (!loc || typeof loc.lines?.getIndentAt !== 'function' || typeof loc.indent !== 'number') return;
  const lineIndent: number = loc.lines.getIndentAt(loc.start.line);
  if (lineIndent > loc.indent) loc.indent = lineIndent;
}

function isRequireDeclaration(stmt: any): boolean {
  if (stmt.type !== 'VariableDeclaration') return false;
  return stmt.declarations.every((d: any) => {
    let init = d.init;
    while (init && init.type === 'MemberExpression') init = init.object;
    return init && init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
  });
}

function isModulePrologue(stmt: any): boolean {
  return (
    stmt.type === 'ImportDeclaration' ||
    stmt.type === 'TSImportEqualsDeclaration' ||
    isRequireDeclaration(stmt) ||
    (stmt.type === 'ExpressionStatement' && stmt.directive) ||
    (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'StringLiteral' && stmt.expression.value === 'use strict')
  );
}

/** Index after the module's leading imports and requires: where module-level generated
 * code goes. */
export function indexAfterImports(j: JSCodeshift, root: Collection<any>): number {
  const body: any[] = programPath(j, root)!.node.body;
  let index = 0;
  while (index < body.length && isModulePrologue(body[index])) index++;
  return index;
}

function isDirective(stmt: any): boolean {
  return stmt.type === 'ExpressionStatement' && (stmt.directive || (stmt.expression.type === 'StringLiteral' && stmt.expression.value === 'use strict'));
}

/** Where an added import or require goes: at the head of the module's import group (Node
 * built-ins first, as most style guides order them). recast keeps the blank lines that
 * surrounded the statements it reuses, so a line added after the last import would end up
 * framed by blank lines; at the head of the group it joins the group. */
export function indexForNewImport(j: JSCodeshift, root: Collection<any>): number {
  const body: any[] = programPath(j, root)!.node.body;
  let index = 0;
  while (index < body.length && isDirective(body[index])) index++;
  // A header comment stays on the statement it heads: the new import then goes second in
  // the group (a statement carrying a moved comment would be printed with blank lines).
  const first = body[index];
  const hasLeadingComment = (first?.comments ?? []).some((c: any) => c.leading !== false);
  if (hasLeadingComment && index + 1 < body.length && isModulePrologue(body[index + 1])) index++;
  return index;
}

/** The comments at the very top of the file (starting on its first line, and those that
 * follow them with at most one blank line between): the file's header, which stays on top
 * whatever is inserted. A comment further down belongs to the statement below it. */
function headerComments(first: any, fromLine = 1): any[] {
  const leading = (first.comments ?? []).filter((c: any) => c.leading !== false && c.loc);
  const header: any[] = [];
  let expectedLine = fromLine;
  for (const comment of leading) {
    if (comment.loc.start.line > expectedLine) break;
    // a `lambda-clean-slate-ignore` comment belongs to its declaration, never to the file header
    if (/lambda-clean-slate-ignore\b/.test(comment.value)) break;
    header.push(comment);
    expectedLine = comment.loc.end.line + 2;
  }
  // a doc comment right above a declaration (`/** @type {string[]} */`) documents that
  // declaration, unless it describes the file; above an import it is the file's header
  const last = header[header.length - 1];
  if (last && isDocComment(last) && first.loc && last.loc.end.line === first.loc.start.line - 1 && !FILE_TAGS.test(last.value) && !isModulePrologue(first)) header.pop();
  return header;
}

const FILE_TAGS = /@(?:file|fileoverview|overview|module|license|copyright|preserve)\b/;

function isDocComment(comment: any): boolean {
  return (comment.type === 'CommentBlock' || comment.type === 'Block') && comment.value.startsWith('*');
}

/** Inserts statements at module level at `index` (default: after the imports). When that
 * is the very top, the file's header comment stays on top instead of moving down with
 * the statement it was attached to. */
export function insertInModule(j: JSCodeshift, root: Collection<any>, statements: any[], index = indexAfterImports(j, root)): void {
  if (statements.length === 0) return;
  const program = programPath(j, root)!.node;
  const body: any[] = program.body;
  const { top, fromLine } = headerStart(program);
  if (index === top && body.length > top) {
    const first = body[top];
    const header = headerComments(first, fromLine);
    if (header.length > 0) {
      if (statements[0].loc) statements[0] = withHeader(j, statements[0], header, first);
      // a statement built from scratch has no positions of its own to be measured against
      else statements[0].comments = [...header, ...(statements[0].comments ?? [])];
      first.comments = first.comments.filter((c: any) => !header.includes(c));
    }
  }
  body.splice(index, 0, ...statements);
}

/** The statement with the header comments above it, keeping the blank lines of the file.
 * Built by parsing the text of both together: comment positions and statement positions
 * must come from one source text, or recast measures one against the other's lines. */
function withHeader(j: JSCodeshift, statement: any, header: any[], first: any): any {
  let text = '';
  let previousEnd = 0;
  for (const comment of header) {
    if (previousEnd > 0) text += '\n'.repeat(Math.max(1, comment.loc.start.line - previousEnd));
    text += comment.type === 'CommentBlock' || comment.type === 'Block' ? `/*${comment.value}*/` : `//${comment.value}`;
    previousEnd = comment.loc.end.line;
  }
  // one blank line at most: the header may have passed to a statement further down
  const gap = first.loc ? Math.min(2, Math.max(1, first.loc.start.line - previousEnd)) : 1;
  text += '\n'.repeat(gap) + j(statement).toSource();
  return programPath(j, j(text))!.node.body[0];
}

/** Before the module's first statement moves away (into a handler), its file header (and
 * a shebang, which the engine keeps as a comment while parsing) passes to the statement
 * that becomes first, so the header stays at the top of the file. */
export function keepFileHeader(j: JSCodeshift, root: Collection<any>, leaving: any): void {
  const program = programPath(j, root)!.node;
  const body: any[] = program.body;
  const { top, fromLine } = headerStart(program);
  if (body[top] !== leaving || body.length < top + 2) return;
  const header = headerComments(leaving, fromLine);
  if (header.length === 0) return;
  leaving.comments = leaving.comments.filter((c: any) => !header.includes(c));
  body[top + 1].comments = [...header, ...(body[top + 1].comments ?? [])];
}

/** The file header comments above `statement` when it is the module's first statement
 * (after the directives); none otherwise. Below a directive (`'use strict';`) the file
 * does not begin: a comment there heads the statement right under it (`// counters` above
 * `let hits = 0, LIMIT = 10;`) unless a blank line sets it apart from that statement. */
export function fileHeaderOf(j: JSCodeshift, root: Collection<any>, statement: any): any[] {
  const program = programPath(j, root)!.node;
  const { top, fromLine } = headerStart(program);
  if (program.body[top] !== statement) return [];
  const header = headerComments(statement, fromLine);
  const last = header[header.length - 1];
  if (fromLine > 1 && last && statement.loc && last.loc.end.line >= statement.loc.start.line - 1) return [];
  return header;
}

/** Where the file header can begin: after the directives (`'use strict';`) that may stand
 * above it, as the index of the first statement after them and the line below them. */
function headerStart(program: any): { top: number; fromLine: number } {
  const body: any[] = program.body;
  let top = 0;
  while (top < body.length && isDirective(body[top])) top++;
  // the ts parser keeps the directives apart from the body
  const last = top > 0 ? body[top - 1] : program.directives?.[program.directives.length - 1];
  const above = last ? last.loc?.end.line : 0;
  return { top, fromLine: above === undefined ? Number.MAX_SAFE_INTEGER : above + 1 };
}
