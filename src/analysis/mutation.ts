// What one reference does to the binding it names: reassigns it, changes what it holds
// (member assignment, `delete`, a mutating method, at any depth), only reads it, or hands
// the value on to code that may change it out of sight (an alias, an unknown function).
import type { ASTPath } from 'jscodeshift';
import { classOfInstance, codeUnitOf } from './reach';
import { resolveScope } from './lexicalScope';
import { patternTargetRoot, propertyName } from './scope';

/** Methods of the built-in collections (Array, Map, Set, WeakMap, WeakSet) that change the receiver. */
export const MUTATING_METHODS = new Set(['push', 'pop', 'shift', 'unshift', 'splice', 'sort', 'reverse', 'fill', 'copyWithin', 'set', 'add', 'delete', 'clear']);
/** Methods that hand out an element of a collection: `byTenant.get(id).push(x)` changes what
 * the collection holds as surely as `byTenant.set(...)` does. */
const ELEMENT_ACCESSORS = new Set(['get', 'at', 'find', 'findLast']);
/** `Date` methods that change the date in place (`cursor.setUTCDate(...)`). */
const DATE_SETTER = /^set(?:UTC)?(?:Date|FullYear|Hours|Milliseconds|Minutes|Month|Seconds)$|^set(?:Time|Year)$/;
/** What a generator object's methods do: each call runs it on from where it stopped. */
const GENERATOR_METHODS = new Set(['next', 'return', 'throw']);
/** Ways of calling a method elsewhere or later: `list.push.apply(list, xs)`, `seen.add.bind(seen)`. */
const CALL_FORWARDERS = new Set(['bind', 'call', 'apply']);

export type ReferenceEffect =
  /** `x = v`, `x += v`, `x++`, `[x] = v`, `for (x of ...)`; `operator` is the assignment operator */
  | { kind: 'assign'; operator: string; assignment: ASTPath<any> | null }
  /** `x.a = v`, `x.a.b++`, `delete x[k]`, `Object.assign(x, ...)`, `Object.assign(x.a, ...)` */
  | { kind: 'member-write' }
  /** `x.push(v)`, `x.items.add(v)` */
  | { kind: 'mutating-call'; method: string }
  /** `const s = x`, `y = x.items`: another name now holds the value (`x.add.bind(x)`: a way to change it) */
  | { kind: 'alias' }
  /** `f(x)` for an `f` not known to leave its argument alone */
  | { kind: 'passed'; callee: string }
  /** `return x` (or an arrow's expression body): the caller gets the value */
  | { kind: 'returned' }
  | { kind: 'read' };

/** Calls known to leave their arguments as they are. */
export const NON_MUTATING_CALLS = new Set([
  'JSON.stringify',
  'Array.from',
  'Array.isArray',
  'Object.keys',
  'Object.values',
  'Object.entries',
  'Object.freeze',
  'Object.isFrozen',
  'String',
  'Number',
  'Boolean',
  'structuredClone',
  'Promise.resolve',
  'Map',
  'Set',
]);
/** Calls known to change their first argument. */
export const MUTATING_CALLS = new Set(['Object.assign', 'Object.defineProperty', 'Object.defineProperties', 'Object.setPrototypeOf', 'Reflect.set', 'Reflect.deleteProperty']);

/** Wrappers through which a value flows unchanged: `(x)`, `x as T`, `x!`, `await x`, `a ? x : y`, `a || x`. */
const TRANSPARENT = new Set(['ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TypeCastExpression', 'AwaitExpression', 'ConditionalExpression', 'LogicalExpression', 'SequenceExpression', 'ChainExpression']);
const MEMBER = new Set(['MemberExpression', 'OptionalMemberExpression']);
const CALL = new Set(['CallExpression', 'OptionalCallExpression', 'NewExpression']);

/** Dotted name of a callee (`Object.assign`, `console.log`, `merge`), or '' when it has none. */
export function calleeName(node: any): string {
  if (!node) return '';
  if (node.type === 'Identifier') return node.name;
  if (MEMBER.has(node.type) && !node.computed && node.property.type === 'Identifier') {
    const object = calleeName(node.object);
    return object ? `${object}.${node.property.name}` : '';
  }
  return '';
}

/** True when `path` is (part of) the target of an assignment or a for-in/of head. */
export function isAssignmentTarget(path: ASTPath<any>): { target: boolean; assignment: ASTPath<any> | null; operator: string } {
  // in `{ a: x }` only the value is a target; in `x = 1` (a default) only the left side
  const current = patternTargetRoot(path);
  const parent = current.parent?.node;
  if (!parent) return { target: false, assignment: null, operator: '' };
  if (parent.type === 'AssignmentExpression' && parent.left === current.node) return { target: true, assignment: current.parent, operator: parent.operator };
  if ((parent.type === 'ForInStatement' || parent.type === 'ForOfStatement') && parent.left === current.node) return { target: true, assignment: null, operator: '=' };
  if (parent.type === 'UpdateExpression') return { target: true, assignment: current.parent, operator: parent.operator };
  return { target: false, assignment: null, operator: '' };
}

/** Climbs out of wrappers that pass the value through unchanged (`await x`, `a || x`). */
function climbTransparent(path: ASTPath<any>): ASTPath<any> {
  let current = path;
  while (current.parent && TRANSPARENT.has(current.parent.node.type)) {
    const parent = current.parent.node;
    // the test of a conditional and all but the last of a sequence are consumed, not passed on
    if (parent.type === 'ConditionalExpression' && parent.test === current.node) break;
    if (parent.type === 'SequenceExpression' && parent.expressions[parent.expressions.length - 1] !== current.node) break;
    current = current.parent;
  }
  return current;
}

/** Where the value at `path` goes when it is neither written nor a method's receiver. */
function flowOf(path: ASTPath<any>): ReferenceEffect {
  const value = climbTransparent(path);
  const parent = value.parent?.node;
  if (!parent) return { kind: 'read' };
  if (parent.type === 'VariableDeclarator' && parent.init === value.node) return { kind: 'alias' };
  if (parent.type === 'AssignmentExpression' && parent.right === value.node) return { kind: 'alias' };
  if (parent.type === 'ReturnStatement') return { kind: 'returned' };
  if (parent.type === 'ArrowFunctionExpression' && parent.body === value.node) return { kind: 'returned' };
  if (CALL.has(parent.type) && parent.arguments.includes(value.node)) {
    const callee = calleeName(parent.callee);
    if (MUTATING_CALLS.has(callee) && parent.arguments[0] === value.node) return { kind: 'member-write' };
    if (MUTATING_CALLS.has(callee) || NON_MUTATING_CALLS.has(callee) || callee.startsWith('console.')) return { kind: 'read' };
    return { kind: 'passed', callee: callee || 'a function' };
  }
  return { kind: 'read' };
}

/** What the reference at `path` (an Identifier that names the binding) does to it. */
export function referenceEffect(path: ASTPath<any>): ReferenceEffect {
  const direct = isAssignmentTarget(path);
  if (direct.target) return { kind: 'assign', operator: direct.operator, assignment: direct.assignment };

  // climb the member chain the binding is the object of: x.a.b
  let top = path;
  let depth = 0;
  for (;;) {
    const parent = top.parent;
    if (!parent) break;
    if (MEMBER.has(parent.node.type) && parent.node.object === top.node) {
      top = parent;
      depth++;
    } else if ((parent.node.type === 'TSNonNullExpression' || parent.node.type === 'ParenthesizedExpression' || parent.node.type === 'TSAsExpression') && depth > 0) {
      top = parent;
    } else {
      break;
    }
  }
  if (depth === 0) return flowOf(path);

  if (isAssignmentTarget(top).target) return { kind: 'member-write' };
  const parent = top.parent?.node;
  if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return { kind: 'member-write' };
  if (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === top.node) {
    const method = propertyName(top.node);
    if (method && MUTATING_METHODS.has(method) && !(depth === 1 && ownMethodOf(path, method))) return { kind: 'mutating-call', method };
    if (method && depth === 1 && (DATE_SETTER.test(method) || GENERATOR_METHODS.has(method)) && changesInPlace(path, method)) return { kind: 'mutating-call', method };
    // `list.push.apply(list, more)` runs the mutating method now; `seen.add.bind(seen)` makes
    // a function that runs it wherever it is called: another name for a way to change it
    const forwarded = top.node.object;
    if (method && CALL_FORWARDERS.has(method) && MEMBER.has(forwarded?.type) && depth >= 2) {
      const inner = propertyName(forwarded);
      if (inner && MUTATING_METHODS.has(inner) && !(depth === 2 && ownMethodOf(path, inner))) return method === 'bind' ? { kind: 'alias' } : { kind: 'mutating-call', method: inner };
    }
    // `byTenant.get(id).push(x)`: the element handed out is changed in place
    if (method && ELEMENT_ACCESSORS.has(method) && !(depth === 1 && ownMethodOf(path, method))) {
      const element = elementEffect(top.parent);
      if (isMutation(element)) return element;
    }
    return { kind: 'read' };
  }
  // `const items = cart.items` gives another name to a part of the value, and
  // `Object.assign(state.user, v)` changes that part in place
  const flow = flowOf(top);
  return flow.kind === 'alias' || flow.kind === 'member-write' ? flow : { kind: 'read' };
}

/** What is done to the value a call hands out (`x.get(k)` in `x.get(k).push(v)`), judged
 * as for a part of a binding: a change in place, or else a read. */
function elementEffect(call: ASTPath<any>): ReferenceEffect {
  let top = call;
  let depth = 0;
  while (top.parent && MEMBER.has(top.parent.node.type) && top.parent.node.object === top.node) {
    top = top.parent;
    depth++;
  }
  if (depth === 0) {
    const flow = flowOf(call);
    return flow.kind === 'member-write' ? flow : { kind: 'read' };
  }
  if (isAssignmentTarget(top).target) return { kind: 'member-write' };
  const parent = top.parent?.node;
  if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return { kind: 'member-write' };
  if (parent && (parent.type === 'CallExpression' || parent.type === 'OptionalCallExpression') && parent.callee === top.node) {
    const method = propertyName(top.node);
    if (method && MUTATING_METHODS.has(method)) return { kind: 'mutating-call', method };
    if (method && ELEMENT_ACCESSORS.has(method)) return elementEffect(top.parent);
    return { kind: 'read' };
  }
  const flow = flowOf(top);
  return flow.kind === 'member-write' ? flow : { kind: 'read' };
}

/** True when the module binding named at `path` holds a value whose `method` changes it:
 * a `Date` (`const cursor = new Date(...)`, for its setters) or a generator object made by
 * one of the module's generator functions (`const ids = counter()`, for next/return/throw). */
function changesInPlace(path: ASTPath<any>, method: string): boolean {
  const init = moduleInitOf(path);
  if (DATE_SETTER.test(method)) return init?.type === 'NewExpression' && init.callee.type === 'Identifier' && init.callee.name === 'Date';
  if (init?.type !== 'CallExpression' || init.callee.type !== 'Identifier') return false;
  const unit = codeUnitOf(moduleInitPath(path)!.get('callee'))?.node;
  return unit?.generator === true;
}

/** The declarator of the module-level binding named at `path`, as a path. */
function moduleInitPath(path: ASTPath<any>): ASTPath<any> | null {
  const scope = resolveScope(path);
  if (!scope?.isGlobal) return null;
  for (const binding of (scope.getBindings()[path.node.name] ?? []) as ASTPath<any>[]) {
    const declarator = binding.parent;
    if (declarator?.node.type === 'VariableDeclarator' && declarator.node.id === binding.node && declarator.node.init) return declarator.get('init');
  }
  return null;
}

function moduleInitOf(path: ASTPath<any>): any {
  return moduleInitPath(path)?.node ?? null;
}

const FUNCTION_VALUES = new Set(['FunctionExpression', 'ArrowFunctionExpression']);

/** True when the name at `path` is a module binding initialised with an object literal that
 * defines `method` itself (`const helpers = { add(x) { ... } }`), or with an instance of a
 * class of the module that does (`const repo = new Repo()`, `class Repo { add(x) {} }`):
 * `helpers.add(x)` then runs that code, which is analysed where it is, and is not the
 * built-in `Set.prototype.add` its name suggests. */
function ownMethodOf(path: ASTPath<any>, method: string): boolean {
  const unit = (codeUnitOf(path) ?? classOfInstance(path))?.node;
  if (unit?.type === 'ObjectExpression') {
    return unit.properties.some((p: any) => keyName(p.key) === method && !p.computed && (p.type === 'ObjectMethod' || FUNCTION_VALUES.has(p.value?.type)));
  }
  if (unit?.type === 'ClassDeclaration' || unit?.type === 'ClassExpression') {
    return unit.body.body.some((m: any) => !m.static && !m.computed && keyName(m.key) === method && (m.type === 'ClassMethod' || m.type === 'MethodDefinition'));
  }
  return false;
}

function keyName(key: any): string | undefined {
  return key?.type === 'Identifier' ? key.name : typeof key?.value === 'string' ? key.value : undefined;
}

/** True for effects that change the binding or what it holds. */
export function isMutation(effect: ReferenceEffect): boolean {
  return effect.kind === 'assign' || effect.kind === 'member-write' || effect.kind === 'mutating-call';
}
