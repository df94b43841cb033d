// Can this initializer be evaluated again, at the start of an invocation, and give an
// equal fresh value without side effects? Only then may `globals` move a declaration
// into the handler or reset it there.
import type { ASTPath } from 'jscodeshift';
import { resolveScope } from './lexicalScope';
import { calleeName } from './mutation';
import { sourceExcerpt } from './sourceExcerpt';

export type Reevaluation = { ok: true } | { ok: false; reason: string };

/** Built-in constructors whose fresh instances depend only on their (re-evaluable) arguments. */
const FRESH_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);
/** Built-in functions without side effects whose result depends only on their arguments. */
const PURE_FUNCTIONS = new Set(['Number', 'String', 'Boolean', 'parseInt', 'parseFloat', 'Array', 'Object']);
const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'RegExpLiteral', 'Literal']);
/** Globals that name one primitive value (`-Infinity`, `NaN`). */
const GLOBAL_CONSTANTS = new Set(['undefined', 'Infinity', 'NaN']);
const TYPE_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);

const fail = (reason: string): Reevaluation => ({ ok: false, reason });
const OK: Reevaluation = { ok: true };

/** A module-level `const` whose value is a primitive (or frozen): reading it again gives the same value. */
function isConstantBinding(idPath: ASTPath<any>, depth: number): boolean {
  const scope = resolveScope(idPath);
  if (!scope?.isGlobal) return false;
  const bindings: ASTPath<any>[] = scope.getBindings()[idPath.node.name] ?? [];
  if (bindings.length !== 1) return false;
  const declarator = bindings[0].parent;
  const declaration = declarator?.parent?.node;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.id !== bindings[0].node || declaration?.kind !== 'const') return false;
  const init = declarator.node.init;
  if (!init) return false;
  if (init.type === 'CallExpression' && resolveCalleeIsGlobal(declarator.get('init', 'callee'), 'Object.freeze')) return true;
  return isPrimitiveValued(declarator.get('init'), depth + 1);
}

function resolveCalleeIsGlobal(calleePath: ASTPath<any>, dotted: string): boolean {
  const [object, property] = dotted.split('.');
  const callee = calleePath.node;
  if (property === undefined) return callee.type === 'Identifier' && callee.name === object && resolveScope(calleePath) === null;
  return (
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === object &&
    callee.property.name === property &&
    resolveScope(calleePath.get('object')) === null
  );
}

/** Literals, templates and operators over them, `process.env` reads and other such constants. */
function isPrimitiveValued(path: ASTPath<any>, depth: number): boolean {
  const node = path.node;
  if (depth > 8) return false;
  if (LITERALS.has(node.type)) return true;
  if (TYPE_WRAPPERS.has(node.type)) return isPrimitiveValued(path.get('expression'), depth);
  if (node.type === 'TemplateLiteral') return path.get('expressions').map((p: ASTPath<any>) => p).every((p: ASTPath<any>) => isPrimitiveValued(p, depth + 1));
  if (node.type === 'Identifier') return (GLOBAL_CONSTANTS.has(node.name) && resolveScope(path) === null) || isConstantBinding(path, depth);
  if (node.type === 'UnaryExpression' && node.operator !== 'delete') return isPrimitiveValued(path.get('argument'), depth + 1);
  if (node.type === 'BinaryExpression' || node.type === 'LogicalExpression') {
    return isPrimitiveValued(path.get('left'), depth + 1) && isPrimitiveValued(path.get('right'), depth + 1);
  }
  if (node.type === 'ConditionalExpression') {
    return ['test', 'consequent', 'alternate'].every((field) => isPrimitiveValued(path.get(field), depth + 1));
  }
  if (isProcessEnvRead(path)) return true;
  return false;
}

/** `process.env.NAME` or `process.env['NAME']`, with `process` the Node global. */
export function isProcessEnvRead(path: ASTPath<any>): boolean {
  const node = path.node;
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return false;
  const object = node.object;
  return (
    (object.type === 'MemberExpression' || object.type === 'OptionalMemberExpression') &&
    !object.computed &&
    object.object.type === 'Identifier' &&
    object.object.name === 'process' &&
    object.property.name === 'env' &&
    resolveScope(path.get('object', 'object')) === null
  );
}

/** Whether the initializer at `path` (null: no initializer, i.e. `undefined`) may be evaluated again. */
export function reevaluation(path: ASTPath<any> | null, depth = 0): Reevaluation {
  if (!path || !path.value) return OK;
  const node = path.node;
  if (depth > 12) return fail('the initial value is too deeply nested to check');
  if (isPrimitiveValued(path, depth)) return OK;
  if (TYPE_WRAPPERS.has(node.type)) return reevaluation(path.get('expression'), depth + 1);
  // `-x`, `!x`, `typeof x`, `void x` of a value that can be evaluated again can be too
  if (node.type === 'UnaryExpression' && node.operator !== 'delete') return reevaluation(path.get('argument'), depth + 1);
  if (node.type === 'ConditionalExpression' || node.type === 'LogicalExpression') {
    const parts = node.type === 'ConditionalExpression' ? ['test', 'consequent', 'alternate'] : ['left', 'right'];
    for (const part of parts) {
      const result = reevaluation(path.get(part), depth + 1);
      if (!result.ok) return result;
    }
    return OK;
  }
  // making a function runs none of its code (its defaults run when it is called)
  if (node.type === 'ArrowFunctionExpression' || node.type === 'FunctionExpression') return OK;
  if (node.type === 'ArrayExpression') return everyPart(path.get('elements'), depth);
  if (node.type === 'ObjectExpression') {
    for (const property of path.get('properties').map((p: ASTPath<any>) => p)) {
      const prop = property.node;
      if (prop.type === 'SpreadElement' || prop.type === 'SpreadProperty') {
        const spread = reevaluation(property.get('argument'), depth + 1);
        if (!spread.ok) return spread;
        continue;
      }
      if ((prop.type !== 'ObjectProperty' && prop.type !== 'Property') || (prop.kind && prop.kind !== 'init') || prop.method) return fail('the initial value has methods or accessors');
      if (prop.computed && !isPrimitiveValued(property.get('key'), depth + 1)) return fail(`the initial value has a computed key, \`${sourceExcerpt(prop.key)}\``);
      const value = reevaluation(property.get('value'), depth + 1);
      if (!value.ok) return value;
    }
    return OK;
  }
  if (node.type === 'NewExpression' || node.type === 'CallExpression') {
    const callee = node.callee;
    const name = callee.type === 'Identifier' ? callee.name : '';
    const known = node.type === 'NewExpression' ? FRESH_CONSTRUCTORS : PURE_FUNCTIONS;
    if (!name || !known.has(name) || resolveScope(path.get('callee')) !== null) {
      const shown = calleeName(callee);
      const what = node.type === 'NewExpression' ? `\`new ${shown || '...'}()\`` : shown ? `a call of \`${shown}()\`` : 'a function call';
      return fail(`the initial value comes from ${what}, which may have side effects or give a different value`);
    }
    return everyPart(path.get('arguments'), depth);
  }
  const what = depth === 0 ? 'the initial value' : 'part of the initial value';
  if (node.type === 'Identifier') return fail(`${what} is \`${node.name}\`, another binding whose value may change`);
  return fail(`${what}, \`${sourceExcerpt(node)}\`, cannot be shown to be free of side effects`);
}

function everyPart(list: ASTPath<any>, depth: number): Reevaluation {
  for (const part of list.map((p: ASTPath<any>) => p)) {
    if (!part.value) continue; // a hole: [, 1]
    const target = part.node.type === 'SpreadElement' ? part.get('argument') : part;
    const result = reevaluation(target, depth + 1);
    if (!result.ok) return result;
  }
  return OK;
}
