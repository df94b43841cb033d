// Lazy initialisation: a module binding written only when it is still empty
// (`if (!config) config = await load()`, `config ??= load()`, `return config || (config = load())`,
// `if (config) return config; config = load();`). Such a binding is a deliberate cache,
// kept across invocations, unless what it stores comes from the request (`requestSourceOf`);
// these helpers recognise the guard around each write.
import type { ASTPath } from 'jscodeshift';
import type { ModuleBinding } from './bindings';
import { lexicalBlockOf, resolveScope } from './lexicalScope';
import { isInside, isReference } from './scope';

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
  /** For `if`: the IfStatement whose test checks that the binding is empty; for
   * `early-return`, the one whose test checks that it is filled. */
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

/** True for a test that holds when `name` is filled: `x`, `x !== undefined`, `x != null`, or
 * any of those joined to other conditions with `&&` (`x && Date.now() - loadedAt < TTL`: a
 * cache that is also fresh enough). */
export function testsFilled(test: any, name: string): boolean {
  const node = unparen(test);
  if (isName(node, name)) return true;
  if (node?.type === 'LogicalExpression' && node.operator === '&&') return testsFilled(node.left, name) || testsFilled(node.right, name);
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
        return { form: 'early-return', write: assignment, ifStatement: statement.parent.get('body', i) };
      }
    }
  }
  return null;
}

/** True for `x = undefined` / `x = null`: emptying a cache so that its guard fills it again. */
export function isInvalidation(assignment: ASTPath<any>): boolean {
  return assignment.node.type === 'AssignmentExpression' && assignment.node.operator === '=' && isEmptyValue(assignment.node.right);
}

// ---------------------------------------------------------------------------------------
// Per-request values. A write under a lazy guard is a cache only when what it stores does
// not come from the request: `session ??= { user: event.user }` keeps the first caller's
// session for every later one. The request reaches a value through a handler's parameters
// (`event`, `context`, or what is destructured from them), the locals computed from them, the
// parameters of the functions they are handed to, and callbacks of calls made on them.

const SKIPPED_KEYS = new Set(['loc', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'original', 'tokens', 'extra', 'start', 'end', 'range', 'type', 'typeAnnotation', 'returnType', 'typeParameters', 'typeArguments']);
const PATTERN_PARTS = /Pattern$|^ObjectProperty$|^Property$|^RestElement$/;

/** Every path below and including `path`, depth first; `visit` returns false to stop the walk. */
function walk(path: ASTPath<any>, visit: (p: ASTPath<any>) => boolean): boolean {
  if (!visit(path)) return false;
  const node = path.node;
  for (const key of Object.keys(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = node[key];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (value[i] && typeof value[i].type === 'string' && !walk(path.get(key, i), visit)) return false;
    } else if (value && typeof value.type === 'string' && !walk(path.get(key), visit)) {
      return false;
    }
  }
  return true;
}

interface Trace {
  handlers: HandlerFunctions;
  seen: Set<any>;
  budget: number;
}

/** The handler parameter (as named where it is declared: `event`, `userId`) that the value at
 * `path` is computed from, or null when it comes from constants, the environment, module state
 * or calls whose arguments do not come from the request. `handlers`: the handlers' functions. */
export function requestSourceOf(path: ASTPath<any> | null, handlers: HandlerFunctions): string | null {
  if (!path?.node || handlers.size === 0) return null;
  return sourceIn(path, { handlers, seen: new Set(), budget: 5000 });
}

function sourceIn(path: ASTPath<any>, trace: Trace): string | null {
  let found: string | null = null;
  walk(path, (p) => {
    if (found !== null || --trace.budget < 0) return false;
    if (p.node.type === 'Identifier' && isReference(p)) found = sourceOfName(p, trace);
    return found === null;
  });
  return found;
}

function sourceOfName(idPath: ASTPath<any>, trace: Trace): string | null {
  const name: string = idPath.node.name;
  const scope = resolveScope(idPath);
  if (!scope) return name === 'arguments' ? sourceOfArguments(idPath, trace) : null;
  if (scope.isGlobal) return null;
  const declared: ASTPath<any>[] = (scope.getBindings()[name] ?? []).filter((b: ASTPath<any>) => {
    const block = lexicalBlockOf(b);
    return !block || isInside(idPath, block);
  });
  for (const binding of declared) {
    if (trace.seen.has(binding.node)) continue;
    trace.seen.add(binding.node);
    const found = sourceOfDeclaration(binding, scope, trace);
    if (found !== null) return found;
  }
  return null;
}

function sourceOfArguments(idPath: ASTPath<any>, trace: Trace): string | null {
  for (let p: ASTPath<any> | null = idPath.parent; p; p = p.parent) {
    if (FUNCTION_TYPES.has(p.node.type) && p.node.type !== 'ArrowFunctionExpression') {
      if (trace.seen.has(p.node)) return null;
      trace.seen.add(p.node);
      return sourceOfParameter(p, 0, true, 'arguments', trace);
    }
  }
  return null;
}

function sourceOfDeclaration(binding: ASTPath<any>, scope: any, trace: Trace): string | null {
  let top = binding;
  while (top.parent && PATTERN_PARTS.test(top.parent.node.type)) top = top.parent;
  const holder = top.parent;
  if (!holder) return null;
  const node = holder.node;
  if (FUNCTION_TYPES.has(node.type) && node.params?.includes(top.node)) {
    const index = node.params.indexOf(top.node);
    return sourceOfParameter(holder, index, top.node.type === 'RestElement', binding.node.name, trace);
  }
  if (node.type === 'TSParameterProperty') return null;
  if (node.type === 'VariableDeclarator' && node.id === top.node) {
    const fromInit = sourceIn(holder.get('id'), trace) ?? (node.init ? sourceIn(holder.get('init'), trace) : null);
    if (fromInit !== null) return fromInit;
    // for (const record of event.Records)
    const loop = holder.parent?.parent;
    if ((loop?.node.type === 'ForOfStatement' || loop?.node.type === 'ForInStatement') && loop.node.left === holder.parent.node) {
      const fromLoop = sourceIn(loop.get('right'), trace);
      if (fromLoop !== null) return fromLoop;
    }
    return sourceOfAssignments(binding.node.name, scope, trace);
  }
  // a function declared inside a function: what it returns may be computed from the request
  if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id === binding.node) return sourceIn(holder, trace);
  return null;
}

/** `x = <value>` (or `({ x } = <value>)`, `for (x of <value>)`) anywhere in the scope `x` is declared in. */
function sourceOfAssignments(name: string, scope: any, trace: Trace): string | null {
  let found: string | null = null;
  walk(scope.path, (p) => {
    if (found !== null || --trace.budget < 0) return false;
    if (p.node.type !== 'Identifier' || p.node.name !== name) return true;
    let top = p;
    while (top.parent && PATTERN_PARTS.test(top.parent.node.type)) top = top.parent;
    const parent = top.parent?.node;
    const value =
      parent?.type === 'AssignmentExpression' && parent.left === top.node
        ? top.parent!.get('right')
        : (parent?.type === 'ForOfStatement' || parent?.type === 'ForInStatement') && parent.left === top.node
          ? top.parent!.get('right')
          : null;
    if (value && resolveScope(p) === scope) found = sourceIn(value, trace);
    return found === null;
  });
  return found;
}

/** Parameter `index` (all from it on, for a rest parameter) of the function at `fn`. */
function sourceOfParameter(fn: ASTPath<any>, index: number, rest: boolean, shown: string, trace: Trace): string | null {
  if (trace.handlers.has(fn.node)) {
    // a parameter `.bind(null, deps)` fills holds what was bound when the module loaded
    const first = trace.handlers.get(fn.node) ?? null;
    return first !== null && index < first && !rest ? null : shown;
  }
  const parent = fn.parent;
  // a callback: `event.Records.forEach((record) => ...)`, `lookup(event.id).then((user) => ...)`
  if (parent && (parent.node.type === 'CallExpression' || parent.node.type === 'OptionalCallExpression' || parent.node.type === 'NewExpression') && parent.node.arguments.includes(fn.node)) {
    return sourceOfCall(parent, fn.node, trace);
  }
  // a named function: what its callers pass
  let nameId: ASTPath<any> | null = null;
  if (fn.node.type === 'FunctionDeclaration' && fn.node.id) nameId = fn.get('id');
  else if (parent?.node.type === 'VariableDeclarator' && parent.node.init === fn.node && parent.node.id.type === 'Identifier') nameId = parent.get('id');
  if (!nameId) return null;
  const declaredIn = (fn.node.type === 'FunctionDeclaration' ? fn.parent : nameId)?.scope?.lookup(nameId.node.name);
  if (!declaredIn) return null;
  let found: string | null = null;
  walk(declaredIn.path, (p) => {
    if (found !== null || --trace.budget < 0) return false;
    if (p.node.type !== 'Identifier' || p.node.name !== nameId!.node.name || p.node === nameId!.node || !isReference(p)) return true;
    const call = p.parent;
    if (!call || resolveScope(p) !== declaredIn) return true;
    if ((call.node.type === 'CallExpression' || call.node.type === 'OptionalCallExpression' || call.node.type === 'NewExpression') && call.node.callee === p.node) {
      const args: any[] = call.node.arguments;
      for (let i = 0; i < args.length && found === null; i++) {
        if (i === index || (i > index && rest) || (i <= index && args[i].type === 'SpreadElement')) found = sourceIn(call.get('arguments', i), trace);
      }
    } else if ((call.node.type === 'CallExpression' || call.node.type === 'OptionalCallExpression') && call.node.arguments.includes(p.node)) {
      found = sourceOfCall(call, p.node, trace);
    }
    return found === null;
  });
  return found;
}

/** The request data a call hands to its callback `callback`: through its callee (the object a
 * method is called on) or its other arguments. */
function sourceOfCall(call: ASTPath<any>, callback: any, trace: Trace): string | null {
  const fromCallee = sourceIn(call.get('callee'), trace);
  if (fromCallee !== null) return fromCallee;
  const args: any[] = call.node.arguments;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === callback) continue;
    const found = sourceIn(call.get('arguments', i), trace);
    if (found !== null) return found;
  }
  return null;
}

/** The functions of the handlers, each with the position of the first parameter the request
 * fills (its `eventParamIndex`: the ones before it are bound, or TypeScript's `this`). */
export type HandlerFunctions = Map<any, number | null>;

/** The functions of the handlers that reach the binding. */
export function handlerFunctions(binding: ModuleBinding): HandlerFunctions {
  return new Map(binding.references.flatMap((r) => (r.place.at === 'function' ? r.place.reachedBy.map((h) => [h.fn.node, h.eventParamIndex] as const) : [])));
}
