// One correction to the printer of the recast copy jscodeshift uses. Imported for its effect
// by the parser module, before any tree is printed.
//
// recast wants parentheses around `await x` wherever a binary, logical or unary operator or a
// spread takes it (`(await a) ?? b`), as it does for `yield`, for which they are needed. For
// `await` they are not: it binds as tightly as a unary operator, so `await a ?? b`,
// `a + await b`, `!await x` and `...await x` mean what their trees say. Worse than the extra
// characters, recast reprints the whole statement of a user's line that holds such an
// `await` without them whenever it reprints the list around it (a declaration moved out of
// the module, a statement inserted), so a line the migration did not touch changed in the
// diff. Only the left side of `**` needs them (`(await a) ** 2`; `await a ** 2` is a
// syntax error).
import path from 'node:path';

const PATCHED = Symbol.for('lambda-clean-slate.printPatches');
const OPERATOR_PARENTS = new Set(['BinaryExpression', 'LogicalExpression', 'UnaryExpression', 'SpreadElement', 'SpreadProperty']);

function fastPathPrototype(): any {
  const recast = path.dirname(require.resolve('recast/package.json', { paths: [path.dirname(require.resolve('jscodeshift'))] }));
  return (require(path.join(recast, 'lib', 'fast-path')) as { default: { prototype: any } }).default.prototype;
}

const prototype = fastPathPrototype();
if (!prototype[PATCHED]) {
  const needsParens = prototype.needsParens;
  prototype.needsParens = function needsParensPatched(this: any, assumeExpressionContext?: boolean): boolean {
    const node = this.getValue();
    const parent = this.getParentNode();
    if (node?.type === 'AwaitExpression' && this.getNode() === node && parent && OPERATOR_PARENTS.has(parent.type) && !node.extra?.parenthesized) {
      return parent.type === 'BinaryExpression' && parent.operator === '**' && parent.left === node;
    }
    return needsParens.call(this, assumeExpressionContext);
  };
  prototype[PATCHED] = true;
}
