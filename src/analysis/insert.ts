// Putting generated statements where they belong without disturbing the user's code.
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { HandlerInfo } from './types';

/** Makes sure the handler has a block body (`async (e) => work(e)` becomes
 * `async (e) => { return work(e); }`) and returns that body's statement list. */
export function handlerBody(j: JSCodeshift, handler: HandlerInfo): any[] {
  const fn: any = handler.fn.node;
  if (fn.body.type !== 'BlockStatement') {
    const expression = fn.body;
    // `() => ({ ... })` needs its parentheses; `return { ... }` does not
    if (expression.extra?.parenthesized) expression.extra = { ...expression.extra, parenthesized: false };
    fn.body = j.blockStatement([j.returnStatement(expression)]);
  }
  return fn.body.body;
}

/** Inserts statements as the first statements of the handler body (after directives such
 * as 'use strict', which the parsers keep apart from the body). Transforms run in
 * TRANSFORM_ORDER and each prepends, which yields the spec's order inside the handler. */
export function prependToHandler(j: JSCodeshift, handler: HandlerInfo, statements: any[]): void {
  if (statements.length === 0) return;
  handlerBody(j, handler).unshift(...statements);
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
  const body: any[] = root.find(j.Program).get().node.body;
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
  const body: any[] = root.find(j.Program).get().node.body;
  let index = 0;
  while (index < body.length && isDirective(body[index])) index++;
  // A header comment stays on the statement it heads: the new import then goes second in
  // the group (a statement carrying a moved comment would be printed with blank lines).
  const first = body[index];
  const hasLeadingComment = (first?.comments ?? []).some((c: any) => c.leading !== false);
  if (hasLeadingComment && index + 1 < body.length && isModulePrologue(body[index + 1])) index++;
  return index;
}

/** Inserts statements at module level at `index` (default: after the imports). When that
 * is the very top, the file's header comment stays on top instead of moving down with
 * the statement it was attached to. */
export function insertInModule(j: JSCodeshift, root: Collection<any>, statements: any[], index = indexAfterImports(j, root)): void {
  if (statements.length === 0) return;
  const body: any[] = root.find(j.Program).get().node.body;
  if (index === 0 && body.length > 0) {
    const first = body[0];
    const comments = first.comments ?? first.leadingComments;
    if (comments && comments.length > 0) {
      // a `lambda-clean-slate-ignore` comment belongs to its declaration, never to the file header
      const leading = comments.filter((c: any) => c.leading !== false && (c.end ?? 0) <= (first.start ?? Infinity) && !/lambda-clean-slate-ignore\b/.test(c.value));
      if (leading.length > 0) {
        statements[0].comments = [...(statements[0].comments ?? []), ...leading.map((c: any) => ({ ...c, leading: true, trailing: false }))];
        first.comments = (first.comments ?? []).filter((c: any) => !leading.includes(c));
        if (first.leadingComments) first.leadingComments = first.leadingComments.filter((c: any) => !leading.includes(c));
      }
    }
  }
  body.splice(index, 0, ...statements);
}
