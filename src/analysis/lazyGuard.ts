// Lazy initialisation: a module binding written only when it is still empty
// (`if (!config) config = await load()`, `config ??= load()`, `return config || (config = load())`,
// `if (config) return config; config = load();`). Such a binding is a deliberate cache,
// kept across invocations; these helpers recognise the guard around each write.
import type { ASTPath } from 'jscodeshift';

export type LazyGuardForm =
  /** `if (<x is empty>) { ... x = v ... }` */
  | 'if'
  /** `x ??= v;` or `x ||= v;` as a statement */
  | 'logical-assign-statement'
  /** `x ??= v`, `x ||= v`, `x || (x = v)`, `x = x ?? v` inside an expression */
  | 'expression'
  /** `if (x) return x; x = v;` */
  | 'early-return';

export interface LazyGuard {
  form: LazyGuardForm;
  /** The AssignmentExpression that fills the cache. */
  write: ASTPath<any>;
  /** For `if`: the IfStatement whose test checks that the binding is empty. */
  ifStatement?: ASTPath<any>;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

function unparen(node: any): any {
  while (node && (node.type === 'ParenthesizedExpression' || node.type === 'TSNonNullExpression')) node = node.expression;
  return node;
}

const isName = (node: any, name: string) => unparen(node)?.type === 'Identifier' && unparen(node).name === name;
export const isEmptyValue = (node: any) => {
  const n = unparen(node);
  return (n?.type === 'Identifier' && n.name === 'undefined') || n?.type === 'NullLiteral' || (n?.type === 'Literal' && n.value === null);
};

/** True for a test that holds when `name` is still empty: `!x`, `x == null`, `x === undefined`,
 * `typeof x === 'undefined'`, or any of those joined to other reasons with `||`. */
export function testsEmpty(test: any, name: string): boolean {
  const node = unparen(test);
  if (!node) return false;
  if (node.type === 'UnaryExpression' && node.operator === '!') return isName(node.argument, name);
  if (node.type === 'LogicalExpression' && node.operator === '||') return testsEmpty(node.left, name) || testsEmpty(node.right, name);
  if (node.type === 'BinaryExpression' && (node.operator === '==' || node.operator === '===')) {
    const [a, b] = [unparen(node.left), unparen(node.right)];
    if ((isName(a, name) && isEmptyValue(b)) || (isName(b, name) && isEmptyValue(a))) return true;
    const typeofName = (n: any) => n?.type === 'UnaryExpression' && n.operator === 'typeof' && isName(n.argument, name);
    const undefinedString = (n: any) => (n?.type === 'StringLiteral' || n?.type === 'Literal') && n.value === 'undefined';
    return (typeofName(a) && undefinedString(b)) || (typeofName(b) && undefinedString(a));
  }
  return false;
}

/** True for a test that holds when `name` is filled: `x`, `x !== undefined`, `x != null`. */
export function testsFilled(test: any, name: string): boolean {
  const node = unparen(test);
  if (isName(node, name)) return true;
  if (node?.type === 'BinaryExpression' && (node.operator === '!=' || node.operator === '!==')) {
    return (isName(node.left, name) && isEmptyValue(node.right)) || (isName(node.right, name) && isEmptyValue(node.left));
  }
  return false;
}

/** `return ...;` or `{ return ...; }`: the branch of an early return. */
export function returnsOnly(statement: any): boolean {
  if (!statement) return false;
  if (statement.type === 'ReturnStatement') return true;
  return statement.type === 'BlockStatement' && statement.body.length === 1 && statement.body[0].type === 'ReturnStatement';
}

/** The guard that makes `assignment` (a write of `name`) a lazy initialisation, or null. */
export function lazyGuardOf(assignment: ASTPath<any>, name: string): LazyGuard | null {
  const node = assignment.node;
  if (node.type !== 'AssignmentExpression') return null;
  const statement = assignment.parent?.node.type === 'ExpressionStatement' ? assignment.parent : null;

  if (node.operator === '??=' || node.operator === '||=') {
    return { form: statement ? 'logical-assign-statement' : 'expression', write: assignment };
  }
  if (node.operator !== '=') return null;
  // x = x ?? v, x = x || v
  const right = unparen(node.right);
  if (right?.type === 'LogicalExpression' && (right.operator === '??' || right.operator === '||') && isName(right.left, name)) {
    return { form: 'expression', write: assignment };
  }
  // x || (x = v), x ?? (x = v)
  let outer = assignment.parent;
  while (outer && outer.node.type === 'ParenthesizedExpression') outer = outer.parent;
  if (outer?.node.type === 'LogicalExpression' && (outer.node.operator === '||' || outer.node.operator === '??') && isName(outer.node.left, name)) {
    return { form: 'expression', write: assignment };
  }
  if (!statement) return null;

  // if (!x) { ... x = v ... }, at any depth inside the consequent, within the same function
  let child: ASTPath<any> = statement;
  for (let p: ASTPath<any> | null = statement.parent; p && !FUNCTION_TYPES.has(p.node.type); child = p, p = p.parent) {
    if (p.node.type === 'IfStatement' && p.node.consequent === child.node && testsEmpty(p.node.test, name)) {
      return { form: 'if', write: assignment, ifStatement: p };
    }
  }
  // if (x) return x; ... x = v;
  const block = statement.parent?.node;
  if (block && (block.type === 'BlockStatement' || block.type === 'Program')) {
    const index = block.body.indexOf(statement.node);
    for (let i = 0; i < index; i++) {
      const earlier = block.body[i];
      if (earlier.type === 'IfStatement' && !earlier.alternate && testsFilled(earlier.test, name) && returnsOnly(earlier.consequent)) {
        return { form: 'early-return', write: assignment };
      }
    }
  }
  return null;
}

/** True for `x = undefined` / `x = null`: emptying a cache so that its guard fills it again. */
export function isInvalidation(assignment: ASTPath<any>): boolean {
  return assignment.node.type === 'AssignmentExpression' && assignment.node.operator === '=' && isEmptyValue(assignment.node.right);
}
