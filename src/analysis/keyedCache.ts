// A cache by key: a module binding holding a Map, a WeakMap or a plain object, filled entry by
// entry (`cache.set(k, v)`, `cache[k] = v`) and emptied only by eviction (`cache.delete(k)`,
// `delete cache[k]`, `cache.clear()`), whose stored value code reads by key and hands back in
// place of computing it again, under a test on that same binding:
//   if (cache.has(id)) return cache.get(id);
//   const hit = cache.get(id); if (hit) return hit;
//   if (hit && hit.exp > Date.now()) return hit.value;
//   return cache[k] ?? (cache[k] = compute(k));
//   return cache.get(k) ?? load(k);
//   if (!cache.has(k)) cache.set(k, load(k)); return cache.get(k);
// Such a binding is a deliberate cache, as a lazily loaded value is: kept across invocations.
// Not a cache: a Set of seen ids (it stores no value to hand back), a dedupe Map whose hit
// returns a constant, a list that grows, a counter (`hits.set(ip, hits.get(ip) + 1)`: the
// written value reads the binding), entries changed in place once read (`cache.get(k).push(x)`,
// `const list = cache.get(k); list.push(x)`, `const list = cache.get(k) || []; list.push(x)`,
// `const { log } = cache.get(k); log.push(x)`, a stored value changed after it is stored), a
// collection read whole (iterated, spread, handed on: `cache.forEach(...)`, `cache.values()`,
// `Object.values(cache)`), a single value under a constant key (`cache.set('k', v)`: the lazy
// cache rules handle those), writes under a key that no hit reads (`cache.set('last', x)`),
// request data stored under a key that does not come from the request, request data other than
// the key stored under it (`{ user: event.user }` under `event.sessionId`), an entry handed to a
// function that changes it (or to an unknown one), state written without a hit that hands it
// back. Eviction is not a read of the whole collection: `cache.delete(cache.keys().next().value)`
// (or through a const), and sweeps that only test entries and delete by the iterated key. When in doubt, not a cache: it is then migrated.
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { Reference } from './bindings';
import { findPaths } from './fastFind';
import { resolveScope } from './lexicalScope';
import { isEmptyValue, requestSourceOf, type HandlerFunctions } from './lazyGuard';
import { calleeName, isMutation, MUTATING_CALLS, NON_MUTATING_CALLS, referenceEffect } from './mutation';
import { isReference, propertyName } from './scope';
import { originalText, sourceExcerpt } from './sourceExcerpt';

export interface KeyedCache {
  /** The code that hands a stored entry back (`if (cache.has(id)) return cache.get(id)`), quoted. */
  text: string;
  line: number;
  /** The hit checks the clock (`hit.exp > Date.now()`): entries already expire. */
  expires: boolean;
}

type Holder = 'map' | 'object';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const MEMBER = new Set(['MemberExpression', 'OptionalMemberExpression']);
const CALL = new Set(['CallExpression', 'OptionalCallExpression']);
/** Wrappers a stored value passes through unchanged on its way out (`await`, `(x)`, `x as T`). */
const PASS_THROUGH = new Set(['ParenthesizedExpression', 'AwaitExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression', 'TypeCastExpression', 'ChainExpression']);
const MAP_READS = new Set(['get', 'has']);
const MAP_EVICTIONS = new Set(['delete', 'clear']);

function unwrap(node: any): any {
  while (node && PASS_THROUGH.has(node.type)) node = node.expression ?? node.argument;
  return node;
}

/** What the initial value holds entries in: `new Map()`, `new WeakMap()`, `{}`, `Object.create(null)`. */
function holderOf(init: any): Holder | null {
  const node = unwrap(init);
  if (!node) return null;
  if (node.type === 'NewExpression' && node.callee.type === 'Identifier' && (node.callee.name === 'Map' || node.callee.name === 'WeakMap')) return 'map';
  if (node.type === 'ObjectExpression') return 'object';
  if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.name === 'Object' && propertyName(node.callee) === 'create' && isEmptyValue(node.arguments[0])) return 'object';
  return null;
}

/** A keyed access of the binding named at `ref`: the expression (`cache.get(k)`, `cache[k]`,
 * `cache.set(k, v)`), the key, and for a call its method. */
interface Access {
  path: ASTPath<any>;
  key: any;
  method: string | null;
}

function accessAt(ref: ASTPath<any>, holder: Holder): Access | null {
  const member = ref.parent;
  if (!member || !MEMBER.has(member.node.type) || member.node.object !== ref.node) return null;
  if (holder === 'object') return member.node.computed ? { path: member, key: member.node.property, method: null } : null;
  const call = member.parent;
  const method = propertyName(member.node);
  if (!method || !call || !CALL.has(call.node.type) || call.node.callee !== member.node) return null;
  return { path: call, key: call.node.arguments[0] ?? null, method };
}

const keyText = (key: any) => (key ? (originalText(key) ?? '').replace(/\s+/g, '') : '');

function mentionsName(node: any, name: string): boolean {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'Identifier' && node.name === name) return true;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = node[key];
    if (Array.isArray(value) ? value.some((c) => c?.type && mentionsName(c, name)) : value?.type && mentionsName(value, name)) return true;
  }
  return false;
}

function readsClock(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  if (MEMBER.has(node.type) && node.object?.type === 'Identifier' && node.object.name === 'Date' && propertyName(node) === 'now') return true;
  return Object.keys(node).some((key) => key !== 'loc' && key !== 'comments' && key !== 'original' && (Array.isArray(node[key]) ? node[key].some(readsClock) : node[key]?.type && readsClock(node[key])));
}

/** The keys the expression checks the binding for: `cache.has(k)`, `cache.get(k)`, `cache[k]`,
 * `k in cache`, `Object.hasOwn(cache, k)`, `cache.hasOwnProperty(k)`, at any depth. */
function checkedKeys(test: any, name: string, holder: Holder, out: string[] = []): string[] {
  if (!test || typeof test !== 'object') return out;
  if (CALL.has(test.type) && MEMBER.has(test.callee.type) && test.callee.object?.type === 'Identifier' && test.callee.object.name === name) {
    const method = propertyName(test.callee);
    if ((holder === 'map' && MAP_READS.has(method ?? '')) || (holder === 'object' && method === 'hasOwnProperty')) out.push(keyText(test.arguments[0]));
  } else if (holder === 'object' && MEMBER.has(test.type) && test.computed && test.object?.type === 'Identifier' && test.object.name === name) {
    out.push(keyText(test.property));
  } else if (holder === 'object' && test.type === 'BinaryExpression' && test.operator === 'in' && test.right?.type === 'Identifier' && test.right.name === name) {
    out.push(keyText(test.left));
  } else if (holder === 'object' && CALL.has(test.type) && ['Object.hasOwn', 'Object.prototype.hasOwnProperty.call'].includes(dotted(test.callee)) && test.arguments[0]?.name === name) {
    out.push(keyText(test.arguments[1]));
  }
  for (const key of Object.keys(test)) {
    if (key === 'loc' || key === 'comments' || key === 'original') continue;
    const value = test[key];
    if (Array.isArray(value)) value.forEach((c) => c?.type && checkedKeys(c, name, holder, out));
    else if (value?.type) checkedKeys(value, name, holder, out);
  }
  return out;
}

function dotted(node: any): string {
  if (node?.type === 'Identifier') return node.name;
  if (MEMBER.has(node?.type) && !node.computed) {
    const object = dotted(node.object);
    return object ? `${object}.${propertyName(node)}` : '';
  }
  return '';
}

/** The path of the value the expression at `path` becomes once it passes through wrappers. */
function climb(path: ASTPath<any>): ASTPath<any> {
  let current = path;
  while (current.parent && PASS_THROUGH.has(current.parent.node.type)) current = current.parent;
  return current;
}

/** The `return` (or arrow body) that hands the value at `path` back unchanged, or null. */
function returnOf(path: ASTPath<any>): ASTPath<any> | null {
  const value = climb(path);
  const parent = value.parent;
  if (parent?.node.type === 'ReturnStatement' && parent.node.argument === value.node) return parent;
  if (parent?.node.type === 'ArrowFunctionExpression' && parent.node.body === value.node) return value;
  return null;
}

/** The IfStatement whose consequent is, or holds only, the statement at `statement`. */
function ifAround(statement: ASTPath<any>): ASTPath<any> | null {
  let p = statement.parent;
  let child = statement;
  if (p?.node.type === 'BlockStatement' && p.node.body.length === 1) {
    child = p;
    p = p.parent;
  }
  return p?.node.type === 'IfStatement' && p.node.consequent === child.node ? p : null;
}

/** Whether `node` is, or holds, a keyed write of the binding (`cache.set(k, v)`, `cache[k] = v`). */
function writesEntry(node: any, name: string, holder: Holder): boolean {
  if (!node || typeof node !== 'object') return false;
  if (holder === 'map' && CALL.has(node.type) && MEMBER.has(node.callee.type) && node.callee.object?.name === name && propertyName(node.callee) === 'set') return true;
  if (holder === 'object' && node.type === 'AssignmentExpression' && MEMBER.has(node.left.type) && node.left.computed && node.left.object?.name === name) return true;
  return Object.keys(node).some((key) => key !== 'loc' && key !== 'comments' && key !== 'original' && (Array.isArray(node[key]) ? node[key].some((c: any) => writesEntry(c, name, holder)) : node[key]?.type && writesEntry(node[key], name, holder)));
}

const quote = (node: any) => sourceExcerpt(node, 60);
const hitAt = (node: any, test: any): KeyedCache => ({ text: quote(node), line: node.loc?.start.line ?? 0, expires: readsClock(test) });

/** Whether a read of an entry (`read`, with `key`) hands the stored value back: see the forms
 * at the top of the file. */
function hitOf(j: JSCodeshift, read: Access, name: string, holder: Holder): KeyedCache | null {
  const key = keyText(read.key);
  const value = climb(read.path);
  const parent = value.parent;
  // return cache.has(k) ? cache.get(k) : compute(k)
  if (parent?.node.type === 'ConditionalExpression' && parent.node.consequent === value.node && checkedKeys(parent.node.test, name, holder).includes(key)) {
    return hitAt(parent.node, parent.node.test);
  }
  // return cache.get(k) ?? compute-and-set(k);  cache[k] || (cache[k] = compute(k))
  if (parent?.node.type === 'LogicalExpression' && (parent.node.operator === '??' || parent.node.operator === '||') && parent.node.left === value.node) {
    if (returnOf(parent) || writesEntry(parent.node.right, name, holder)) return hitAt(parent.node, null);
  }
  const returned = returnOf(read.path);
  if (returned?.node.type === 'ReturnStatement') {
    // if (cache.has(k)) return cache.get(k);
    const guard = ifAround(returned);
    if (guard && checkedKeys(guard.node.test, name, holder).includes(key)) return hitAt(guard.node, guard.node.test);
    // if (!cache.has(k)) cache.set(k, load(k)); return cache.get(k);  /  cache[k] ??= load(k); return cache[k];
    const block = returned.parent?.node;
    if (block && Array.isArray(block.body)) {
      for (const earlier of block.body.slice(0, block.body.indexOf(returned.node))) {
        const filledUnderTest = earlier.type === 'IfStatement' && checkedKeys(earlier.test, name, holder).includes(key) && writesEntry(earlier.consequent, name, holder);
        const expression = earlier.type === 'ExpressionStatement' ? earlier.expression : null;
        const filledIfMissing =
          expression?.type === 'AssignmentExpression' && (expression.operator === '??=' || expression.operator === '||=') && MEMBER.has(expression.left.type) && expression.left.object?.name === name && keyText(expression.left.property) === key;
        if (filledUnderTest || filledIfMissing) return hitAt(returned.node, filledUnderTest ? earlier.test : null);
      }
    }
  }
  // const hit = cache.get(k); if (hit) return hit;  /  if (hit && hit.exp > Date.now()) return hit.value;
  const local = localHolding(read.path);
  if (local) {
    for (const ifPath of findPaths(j, functionOf(local), 'IfStatement')) {
      const { test, consequent } = ifPath.node;
      const only = consequent.type === 'BlockStatement' && consequent.body.length === 1 ? consequent.body[0] : consequent;
      if (only.type === 'ReturnStatement' && mentionsName(test, local.node.id.name) && mentionsName(only.argument, local.node.id.name)) return hitAt(ifPath.node, test);
    }
  }
  return null;
}

/** The declarator of a local that the value at `path` initialises (`const hit = cache.get(k)`). */
function localHolding(path: ASTPath<any>): ASTPath<any> | null {
  const value = climb(path);
  const parent = value.parent;
  return parent?.node.type === 'VariableDeclarator' && parent.node.init === value.node && parent.node.id.type === 'Identifier' ? parent : null;
}

function functionOf(path: ASTPath<any>): ASTPath<any> {
  let p = path;
  while (p.parent && !FUNCTION_TYPES.has(p.node.type)) p = p.parent;
  return p;
}

/** Whether a local that holds an entry (`const list = cache.get(k)`) changes it in place. */
function changesEntry(j: JSCodeshift, declarator: ASTPath<any>): boolean {
  const name = declarator.node.id.name;
  const scope = resolveScope(declarator.get('id'));
  return findPaths(j, functionOf(declarator), 'Identifier', (n: any) => n.name === name).some((p) => {
    if (p.node === declarator.node.id || !isReference(p) || resolveScope(p) !== scope) return false;
    const effect = referenceEffect(p);
    return effect.kind === 'member-write' || effect.kind === 'mutating-call' || (effect.kind === 'passed' && handedToChanger(j, p));
  });
}

/** The identifiers of locals that the entry read at `path` ends up in, through a fallback or a
 * choice (`const list = cache.get(k) || []`, `x = c ? cache[k] : d`) or a destructuring
 * (`const { log } = cache.get(k)`): their paths. */
function entryLocals(path: ASTPath<any>): ASTPath<any>[] {
  let value = climb(path);
  for (;;) {
    const parent = value.parent;
    const node = parent?.node;
    if (node && ((node.type === 'LogicalExpression' && (node.left === value.node || node.right === value.node)) || (node.type === 'ConditionalExpression' && node.test !== value.node))) {
      value = climb(parent);
      continue;
    }
    // `const [first] = [cache.get(k)]`, `const { e } = { e: cache.get(k) }`: every name the
    // literal is taken apart into may hold the entry
    if (node && node.type === 'ArrayExpression' && node.elements.includes(value.node)) {
      value = climb(parent);
      continue;
    }
    if (node && (node.type === 'ObjectProperty' || node.type === 'Property') && node.value === value.node && parent!.parent?.node.type === 'ObjectExpression') {
      value = climb(parent!.parent!);
      continue;
    }
    break;
  }
  const parent = value.parent;
  let target: ASTPath<any> | null = null;
  if (parent?.node.type === 'VariableDeclarator' && parent.node.init === value.node) target = parent.get('id');
  else if (parent?.node.type === 'AssignmentExpression' && parent.node.right === value.node) target = parent.get('left');
  return target ? patternNames(target) : [];
}

/** Whether the local named at `idPath` is changed in place (`list.push(x)`, `v.n++`,
 * `Object.assign(v, x)`) in its function, after `after` (a source offset) when given. */
function changedInPlace(j: JSCodeshift, idPath: ASTPath<any>, after = -1): boolean {
  const name = idPath.node.name;
  const scope = resolveScope(idPath);
  if (!scope) return true;
  return findPaths(j, functionOf(idPath), 'Identifier', (n: any) => n.name === name).some((p) => {
    if (p.node === idPath.node || !isReference(p) || resolveScope(p) !== scope) return false;
    if (after >= 0 && offsetOf(p.node) < after) return false;
    const effect = referenceEffect(p);
    return effect.kind === 'member-write' || effect.kind === 'mutating-call' || (effect.kind === 'passed' && handedToChanger(j, p));
  });
}

/** A position to order nodes of one file by. */
const offsetOf = (node: any): number => (node?.loc ? node.loc.start.line * 1e6 + node.loc.start.column : -1);

const isLiteralKey = (key: any) =>
  !key || ['StringLiteral', 'NumericLiteral', 'BigIntLiteral', 'BooleanLiteral', 'NullLiteral'].includes(key.type) || (key.type === 'Literal' && !(key as any).regex) || (key.type === 'TemplateLiteral' && key.expressions.length === 0);

/** `Object.keys(cache)` read only for its size or one key (`Object.keys(cache).length`,
 * `delete cache[Object.keys(cache)[0]]`), and `cache.delete(cache.keys().next().value)`: the
 * eviction of an old entry, which reads no entry. */
function isEvictionRead(j: JSCodeshift, ref: ASTPath<any>, name: string, holder: Holder): boolean {
  const parent = ref.parent;
  if (holder === 'object') {
    const call = parent?.node;
    if (!call || !CALL.has(call.type) || dotted(call.callee) !== 'Object.keys' || call.arguments[0] !== ref.node || call.arguments.length !== 1) return false;
    const use = parent!.parent?.node;
    return !!use && MEMBER.has(use.type) && use.object === call && (use.computed || propertyName(use) === 'length');
  }
  // cache.keys().next().value inside cache.delete(...), or held by a local that is only deleted:
  // const oldest = cache.keys().next().value; cache.delete(oldest);
  const keys = parent?.parent;
  const next = keys?.parent?.parent;
  const value = next?.parent;
  const del = value?.parent;
  if (
    !del ||
    propertyName(parent!.node) !== 'keys' ||
    !CALL.has(keys!.node.type) ||
    !MEMBER.has(keys!.parent!.node.type) ||
    propertyName(keys!.parent!.node) !== 'next' ||
    !CALL.has(next!.node.type) ||
    !MEMBER.has(value!.node.type) ||
    propertyName(value!.node) !== 'value'
  ) {
    return false;
  }
  if (isDeleteOf(del.node, value!.node, name)) return true;
  if (del.node.type !== 'VariableDeclarator' || del.node.init !== value!.node || del.node.id.type !== 'Identifier') return false;
  const declaration = del.parent?.node;
  if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') return false;
  const local = del.get('id');
  const scope = resolveScope(local);
  const uses = findPaths(j, functionOf(del), 'Identifier', (n: any) => n.name === local.node.name).filter((p) => p.node !== local.node && isReference(p) && resolveScope(p) === scope);
  return uses.length > 0 && uses.every((p) => !!p.parent && isDeleteOf(p.parent.node, p.node, name));
}

/** Whether `call` is `<name>.delete(<arg>)`. */
function isDeleteOf(call: any, arg: any, name: string): boolean {
  return CALL.has(call?.type) && call.arguments.length === 1 && call.arguments[0] === arg && MEMBER.has(call.callee.type) && call.callee.object?.name === name && propertyName(call.callee) === 'delete';
}

/** An eviction sweep over a Map: an iteration whose body only reads the entries and deletes by
 * the iterated key (`for (const [k, e] of cache) if (e.exp < now) cache.delete(k);`,
 * `for (const k of cache.keys()) ...`, `cache.forEach((e, k) => { if (e.exp < now) cache.delete(k); })`).
 * Anything else done with an entry or a key (changed, handed on, pushed, returned) is not. */
function isEvictionSweep(j: JSCodeshift, ref: ASTPath<any>, name: string, holder: Holder): boolean {
  if (holder !== 'map') return false;
  let iterated: ASTPath<any> = ref;
  let method: string | null = null;
  if (MEMBER.has(ref.parent?.node.type) && ref.parent!.node.object === ref.node) {
    method = propertyName(ref.parent!.node) ?? null;
    const call = ref.parent!.parent;
    if (!call || !CALL.has(call.node.type) || call.node.callee !== ref.parent!.node) return false;
    if (method === 'forEach') {
      const callback = call.node.arguments[0];
      if (call.node.arguments.length !== 1 || !callback || !['ArrowFunctionExpression', 'FunctionExpression'].includes(callback.type)) return false;
      const params = callback.params;
      if (params.length < 2 || params.length > 2 || params[1].type !== 'Identifier' || params.some((p: any) => p.type === 'RestElement')) return false;
      const fn = call.get('arguments', 0);
      const entries = patternNames(fn.get('params', 0));
      const body = fn.get('body');
      return sweepBody(j, body, name, params[1].name, fn.get('params', 1), entries, true);
    }
    if (call.node.arguments.length !== 0 || (method !== 'keys' && method !== 'entries')) return false;
    iterated = call;
  }
  const loop = iterated.parent;
  if (loop?.node.type !== 'ForOfStatement' || loop.node.right !== iterated.node || loop.node.await) return false;
  const left = loop.node.left;
  if (left.type !== 'VariableDeclaration' || left.declarations.length !== 1) return false;
  const id = loop.get('left', 'declarations', 0, 'id');
  let keyPath: ASTPath<any>;
  let entries: ASTPath<any>[] = [];
  if (method === 'keys') {
    if (id.node.type !== 'Identifier') return false;
    keyPath = id;
  } else {
    if (id.node.type !== 'ArrayPattern' || id.node.elements.length < 1 || id.node.elements.length > 2 || id.node.elements[0]?.type !== 'Identifier') return false;
    keyPath = id.get('elements', 0);
    if (id.node.elements[1]) entries = patternNames(id.get('elements', 1));
  }
  return sweepBody(j, loop.get('body'), name, keyPath.node.name, keyPath, entries, false);
}

/** The identifiers a pattern declares. */
function patternNames(p: ASTPath<any>): ASTPath<any>[] {
  const out: ASTPath<any>[] = [];
  const collect = (q: ASTPath<any>) => {
    const node = q.node;
    if (!node) return;
    if (node.type === 'Identifier') out.push(q);
    else if (node.type === 'ObjectPattern') node.properties.forEach((prop: any, i: number) => collect(prop.type === 'RestElement' ? q.get('properties', i, 'argument') : q.get('properties', i, 'value')));
    else if (node.type === 'ArrayPattern') node.elements.forEach((e: any, i: number) => e && collect(q.get('elements', i)));
    else if (node.type === 'AssignmentPattern') collect(q.get('left'));
    else if (node.type === 'RestElement') collect(q.get('argument'));
  };
  collect(p);
  return out;
}

const SWEEP_TESTS = new Set(['IfStatement', 'ConditionalExpression', 'WhileStatement', 'DoWhileStatement', 'ForStatement']);
const SWEEP_OPERATORS = new Set(['BinaryExpression', 'LogicalExpression', 'UnaryExpression', 'ParenthesizedExpression']);

/** Whether the body of a sweep only tests entries and deletes by the key `key`: its statements
 * are tests, `cache.delete(key)`, `continue`, `break`, and (in a callback) a bare `return`; the
 * entries and the key are only read in tests (or the key deleted). */
function sweepBody(j: JSCodeshift, body: ASTPath<any>, name: string, key: string, keyPath: ASTPath<any>, entries: ASTPath<any>[], callback: boolean): boolean {
  const isDelete = (node: any) => isDeleteOf(node, node?.arguments?.[0], name) && node.arguments[0].type === 'Identifier' && node.arguments[0].name === key;
  const statementOk = (node: any): boolean => {
    if (!node) return true;
    switch (node.type) {
      case 'BlockStatement':
        return node.body.every(statementOk);
      case 'IfStatement':
        return statementOk(node.consequent) && statementOk(node.alternate);
      case 'ExpressionStatement': {
        const e = node.expression;
        if (isDelete(e)) return true;
        return e.type === 'LogicalExpression' && (e.operator === '&&' || e.operator === '||') && isDelete(e.right);
      }
      case 'ContinueStatement':
      case 'BreakStatement':
      case 'EmptyStatement':
        return !node.label;
      case 'ReturnStatement':
        return callback && !node.argument;
      default:
        return false;
    }
  };
  if (body.node.type === 'BlockStatement' || !callback) {
    if (!statementOk(body.node)) return false;
  } else if (!(isDelete(body.node) || (body.node.type === 'LogicalExpression' && isDelete(body.node.right)))) {
    return false;
  }
  // every use of an entry (or a part of one) only feeds a test
  for (const entry of entries) {
    const scope = resolveScope(entry);
    const uses = findPaths(j, body, 'Identifier', (n: any) => n.name === entry.node.name).filter((p) => p.node !== entry.node && isReference(p) && resolveScope(p) === scope);
    if (!uses.every((p) => onlyTested(p, body, isDelete))) return false;
  }
  const keyScope = resolveScope(keyPath);
  const keyUses = findPaths(j, body, 'Identifier', (n: any) => n.name === key).filter((p) => p.node !== keyPath.node && isReference(p) && resolveScope(p) === keyScope);
  // the key deletes its entry, reads it (`cache.get(k).exp < now`: the entry only tested) or is tested
  const readsEntry = (call: ASTPath<any> | null | undefined, arg: any) =>
    !!call && CALL.has(call.node.type) && call.node.arguments.length === 1 && call.node.arguments[0] === arg && MEMBER.has(call.node.callee.type) && call.node.callee.object?.name === name && MAP_READS.has(propertyName(call.node.callee) ?? '');
  return keyUses.every((p) => (p.parent && isDelete(p.parent.node)) || (readsEntry(p.parent, p.node) && onlyTested(p.parent!, body, isDelete)) || onlyTested(p, body, isDelete));
}

/** Whether the value at `path` (with the members read from it) only goes into a test. */
function onlyTested(path: ASTPath<any>, within: ASTPath<any>, isDelete: (node: any) => boolean): boolean {
  let p = path;
  while (p.parent && MEMBER.has(p.parent.node.type) && p.parent.node.object === p.node) p = p.parent;
  // a member read that is then called (`e.items.push(x)`, `e.get()`) may change the entry
  if (p.parent && CALL.has(p.parent.node.type)) return false;
  for (;;) {
    const parent = p.parent?.node;
    if (!parent) return false;
    if (SWEEP_TESTS.has(parent.type)) return parent.test === p.node;
    // `e.exp < now && cache.delete(k)`
    if (parent.type === 'LogicalExpression' && parent.left === p.node && isDelete(parent.right)) return true;
    if (!SWEEP_OPERATORS.has(parent.type) || (parent.type === 'UnaryExpression' && parent.operator === 'delete') || p === within) return false;
    p = p.parent!;
  }
}

/** Whether a reference uses the binding only as a cache by key does: reads, tests, writes or
 * evicts one entry (`cache.get(k)`, `cache.has(k)`, `cache.set(k, v)`, `cache.delete(k)`,
 * `cache.clear()`, `cache.size`, `cache[k]`, `k in cache`, `Object.hasOwn(cache, k)`), or
 * evicts an old one. Anything else (iteration, spreading, `Object.values(cache)`, handing it
 * on) may reach every entry: not a cache. */
function isKeyedUse(j: JSCodeshift, ref: ASTPath<any>, name: string, holder: Holder): boolean {
  const parent = ref.parent;
  const node = parent?.node;
  if (!node) return false;
  if (MEMBER.has(node.type) && node.object === ref.node) {
    if (holder === 'object') {
      if (node.computed) return true;
      const call = parent!.parent?.node;
      return propertyName(node) === 'hasOwnProperty' && !!call && CALL.has(call.type) && call.callee === node;
    }
    if (node.computed) return false;
    const method = propertyName(node) ?? '';
    if (method === 'size') return true;
    if (method === 'keys') return isEvictionRead(j, ref, name, holder) || isEvictionSweep(j, ref, name, holder);
    if (method === 'entries' || method === 'forEach') return isEvictionSweep(j, ref, name, holder);
    const call = parent!.parent?.node;
    return ['get', 'has', 'set', 'delete', 'clear'].includes(method) && !!call && CALL.has(call.type) && call.callee === node;
  }
  if (node.type === 'ForOfStatement' && node.right === ref.node) return isEvictionSweep(j, ref, name, holder);
  if (holder !== 'object') return false;
  if (node.type === 'BinaryExpression' && node.operator === 'in' && node.right === ref.node) return true;
  if (CALL.has(node.type) && ['Object.hasOwn', 'Object.prototype.hasOwnProperty.call'].includes(dotted(node.callee)) && node.arguments[0] === ref.node) return true;
  return isEvictionRead(j, ref, name, holder);
}

/** Whether a reference changes the binding only as a cache does: stores a value under a key that
 * it does not compute from the binding itself, or evicts. */
function isEntryWrite(ref: Reference, name: string, holder: Holder): boolean {
  const access = accessAt(ref.path, holder);
  if (!access) return false;
  if (holder === 'map') {
    if (ref.effect.kind !== 'mutating-call') return false;
    if (access.method === 'set') return access.path.node.arguments.length === 2 && !mentionsName(access.path.node.arguments[1], name);
    return MAP_EVICTIONS.has(access.method ?? '');
  }
  const parent = access.path.parent?.node;
  if (parent?.type === 'UnaryExpression' && parent.operator === 'delete') return true;
  return parent?.type === 'AssignmentExpression' && parent.left === access.path.node && ['=', '??=', '||='].includes(parent.operator) && !mentionsName(parent.right, name);
}

/** The hit that makes the binding a cache by key, or null (see the top of the file).
 * `handlers`: the handler functions that reach the binding, to tell request data from the rest. */
export function keyedCacheOf(j: JSCodeshift, init: any, references: Reference[], name: string, handlers?: HandlerFunctions): KeyedCache | null {
  const holder = holderOf(init);
  if (!holder) return null;
  let hit: KeyedCache | null = null;
  /** The keys (source text) that hits read the stored value back under. */
  const hitKeys = new Set<string>();
  /** The writes that store a value: the access and the value stored. */
  const stores: { access: Access; value: ASTPath<any> }[] = [];
  for (const ref of references) {
    // the whole collection read (iterated, spread, handed on) or replaced: not followed
    if (!isKeyedUse(j, ref.path, name, holder)) return null;
    if (isMutation(ref.effect)) {
      if (!isEntryWrite(ref, name, holder)) return null;
      const access = accessAt(ref.path, holder)!;
      const assignment = access.path.parent;
      if (access.method === 'set') stores.push({ access, value: access.path.get('arguments', 1) });
      else if (access.method === null && assignment?.node.type === 'AssignmentExpression') stores.push({ access, value: assignment.get('right') });
      // `return (cache[k] ??= load(k))`: filled when missing, and handed back
      if (assignment?.node.type === 'AssignmentExpression' && assignment.node.operator !== '=' && returnOf(assignment)) {
        hit ??= hitAt(assignment.node, null);
        hitKeys.add(keyText(access.key));
      }
      continue;
    }
    const access = accessAt(ref.path, holder);
    if (!access) continue; // `k in cache`, `Object.hasOwn(cache, k)`, `cache.size`, an eviction
    const reads = holder === 'object' || access.method === 'get';
    if (!reads) continue;
    const local = localHolding(access.path);
    if (local && changesEntry(j, local)) return null;
    // `const list = cache.get(k) || []; list.push(x)`, `const { log } = cache.get(k); log.push(x)`
    if (entryLocals(access.path).some((id) => changedInPlace(j, id))) return null;
    // `addItem(cache.get(k), x)`: handed to a function that changes it, or to an unknown one
    if (handedToChanger(j, access.path)) return null;
    if (ref.place.at !== 'function') continue;
    const found = hitOf(j, access, name, holder);
    if (found) {
      hit ??= found;
      hitKeys.add(keyText(access.key));
    }
  }
  if (!hit || stores.length === 0) return null;
  for (const { access, value } of stores) {
    // a constant key holds one value (the lazy cache rules handle that), and every write must
    // store under a key that a hit reads back: `cache.set('last', event.body)` beside a memo is
    // per-request data
    if (isLiteralKey(access.key) || !hitKeys.has(keyText(access.key))) return null;
    // request data stored under a key that does not come from the request
    if (handlers && handlers.size > 0 && requestSourceOf(value, handlers) !== null && requestSourceOf(keyPathOf(access), handlers) === null) return null;
    // request data other than the key stored with it (`{ user: event.user }` under
    // `event.sessionId`, `v.loadedFor = event.user`): per-request data, not a memo of the key
    if (handlers && handlers.size > 0 && requestDataBesidesKey(value, keyPathOf(access), handlers)) return null;
    // a stored value changed once stored: `cache.set(k, v); v.items.push(x)`
    const stored = unwrap(value.node);
    if (stored?.type === 'Identifier') {
      const idPath = climbTo(value, stored);
      if (idPath && changedInPlace(j, idPath, offsetOf(access.path.node))) return null;
    }
  }
  return hit;
}

/** The path of the key of a keyed access. */
function keyPathOf(access: Access): ASTPath<any> {
  return access.method === null ? access.path.get('property') : access.path.get('arguments', 0);
}

/** The path of `node`, found below `path` through pass-through wrappers. */
function climbTo(path: ASTPath<any>, node: any): ASTPath<any> | null {
  let p = path;
  while (p.node !== node && p.node && PASS_THROUGH.has(p.node.type)) p = p.get(p.node.expression ? 'expression' : 'argument');
  return p.node === node ? p : null;
}

/** The source text of an expression, spaces dropped (a name by its name: shorthand properties
 * carry copies without a place in the source). */
const exprText = (node: any) => (node?.type === 'Identifier' ? node.name : keyText(node));

/** The texts that stand for the key at `keyPath`: its own, the request data it is computed
 * from (`event.body` for `const k = hash(event.body)`, `event.id` for `norm(event.id)`), through
 * the locals it is computed from (`const id = event.id`, `const { id } = event`). */
function keyTextsOf(keyPath: ASTPath<any>): Set<string> {
  const texts = new Set<string>([exprText(keyPath.node)]);
  const seen = new Set<any>();
  const collect = (path: ASTPath<any>, depth: number): void => {
    const node = path.node;
    if (!node || typeof node.type !== 'string' || depth > 6 || FUNCTION_TYPES.has(node.type)) return;
    if (MEMBER.has(node.type)) {
      const parent = path.parent?.node;
      if (!(CALL.has(parent?.type) && parent.callee === node)) {
        // `event.user.id` stands for itself, not for the whole `event.user`
        texts.add(exprText(node));
        if (node.computed) collect(path.get('property'), depth);
        if (CALL.has(node.object.type)) collect(path.get('object'), depth);
        return;
      }
    }
    if (node.type === 'Identifier') {
      if (!isReference(path)) return;
      const scope = resolveScope(path);
      if (!scope || scope.isGlobal) return;
      for (const binding of (scope.getBindings()[node.name] ?? []) as ASTPath<any>[]) {
        if (seen.has(binding.node)) continue;
        seen.add(binding.node);
        const declarator = binding.parent;
        if (declarator?.node.type === 'VariableDeclarator' && declarator.node.id === binding.node && declarator.node.init) {
          texts.add(node.name);
          collect(declarator.get('init'), depth + 1);
          continue;
        }
        // const { id } = event: the key is event.id
        const property = binding.parent?.node;
        const pattern = binding.parent?.parent;
        const holder = pattern?.parent?.node;
        if ((property?.type === 'ObjectProperty' || property?.type === 'Property') && !property.computed && property.value === binding.node && pattern?.node.type === 'ObjectPattern' && holder?.type === 'VariableDeclarator' && holder.id === pattern.node && holder.init) {
          const key = property.key.type === 'Identifier' ? property.key.name : property.key.value;
          if (typeof key === 'string') texts.add(`${exprText(holder.init)}.${key}`);
          texts.add(node.name);
        }
      }
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens' || key === 'typeAnnotation' || key === 'extra') continue;
      const value = node[key];
      if (Array.isArray(value)) value.forEach((c, i) => c && typeof c.type === 'string' && collect(path.get(key, i), depth));
      else if (value && typeof value.type === 'string') collect(path.get(key), depth);
    }
  };
  collect(keyPath, 0);
  texts.delete('');
  return texts;
}

/** Whether the value stored at `valuePath` holds request data other than the key (`keyPath`):
 * a field of the event or the context, or a local computed from one, that is not the key, also
 * through what is later written into a local it is built in (`v.loadedFor = event.user`). */
function requestDataBesidesKey(valuePath: ASTPath<any>, keyPath: ASTPath<any>, handlers: HandlerFunctions): boolean {
  const keys = keyTextsOf(keyPath);
  const seen = new Set<any>();
  let budget = 3000;
  const inExpression = (path: ASTPath<any>): boolean => {
    let found = false;
    const visit = (p: ASTPath<any>): void => {
      if (found || --budget < 0) return;
      const node = p.node;
      if (!node || typeof node.type !== 'string') return;
      if (node !== keyPath.node && keys.has(exprText(node)) && (node.type === 'Identifier' || MEMBER.has(node.type) || node.type === 'TemplateLiteral' || node.type === 'BinaryExpression')) return;
      if (node.type === 'Identifier') {
        if (isReference(p) && nameHoldsRequest(p)) found = true;
        return;
      }
      for (const key of Object.keys(node)) {
        if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens' || key === 'typeAnnotation' || key === 'extra') continue;
        const value = node[key];
        if (Array.isArray(value)) value.forEach((c, i) => c && typeof c.type === 'string' && visit(p.get(key, i)));
        else if (value && typeof value.type === 'string') visit(p.get(key));
      }
    };
    visit(path);
    return found || budget < 0;
  };
  const nameHoldsRequest = (idPath: ASTPath<any>): boolean => {
    const scope = resolveScope(idPath);
    if (!scope || scope.isGlobal) return false;
    for (const binding of (scope.getBindings()[idPath.node.name] ?? []) as ASTPath<any>[]) {
      if (seen.has(binding.node)) continue;
      seen.add(binding.node);
      let top = binding;
      while (top.parent && /Pattern$|^ObjectProperty$|^Property$|^RestElement$/.test(top.parent.node.type)) top = top.parent;
      const holder = top.parent;
      if (!holder) continue;
      if (FUNCTION_TYPES.has(holder.node.type) && holder.node.params?.includes(top.node)) {
        if (requestSourceOf(idPath, handlers) !== null) return true;
        continue;
      }
      if (holder.node.type === 'VariableDeclarator' && holder.node.id === top.node) {
        if (holder.node.init && inExpression(holder.get('init'))) return true;
        const loop = holder.parent?.parent;
        if ((loop?.node.type === 'ForOfStatement' || loop?.node.type === 'ForInStatement') && loop.node.left === holder.parent.node && requestSourceOf(idPath, handlers) !== null) return true;
        // what is later assigned to the local or written into it
        const name = binding.node.name;
        let hit = false;
        const fn = functionOf(holder);
        const walkUses = (p: ASTPath<any>): void => {
          if (hit) return;
          const node = p.node;
          if (!node || typeof node.type !== 'string') return;
          if (node.type === 'Identifier' && node.name === name && node !== binding.node && isReference(p) && resolveScope(p) === scope) {
            const effect = referenceEffect(p);
            if (effect.kind === 'assign' || effect.kind === 'member-write' || effect.kind === 'mutating-call') {
              let around: ASTPath<any> | null = p.parent;
              while (around && around.node.type !== 'AssignmentExpression' && !CALL.has(around.node.type) && around.node.type !== 'UpdateExpression' && around.node.type !== 'UnaryExpression') around = around.parent;
              if (!around || inExpression(around)) hit = true;
            }
            return;
          }
          for (const key of Object.keys(node)) {
            if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
            const value = node[key];
            if (Array.isArray(value)) value.forEach((c, i) => c && typeof c.type === 'string' && walkUses(p.get(key, i)));
            else if (value && typeof value.type === 'string') walkUses(p.get(key));
          }
        };
        walkUses(fn);
        if (hit) return true;
      }
    }
    return false;
  };
  return inExpression(valuePath);
}

/** The call the value at `path` is handed to as an argument (through `await`, `(x)`, `a || x`,
 * `c ? x : y`), with its position, or null. */
function callTaking(path: ASTPath<any>): { call: ASTPath<any>; index: number } | null {
  let value = climb(path);
  for (;;) {
    const node = value.parent?.node;
    if (node && ((node.type === 'LogicalExpression' && (node.left === value.node || node.right === value.node)) || (node.type === 'ConditionalExpression' && node.test !== value.node))) value = climb(value.parent!);
    else break;
  }
  const parent = value.parent;
  if (!parent || !(CALL.has(parent.node.type) || parent.node.type === 'NewExpression')) return null;
  const index = parent.node.arguments.indexOf(value.node);
  return index < 0 ? null : { call: parent, index };
}

/** Whether the value at `path`, handed to a call as an argument, may be changed by it: a
 * function of the module that changes that parameter (`function addItem(e, x) { e.items.push(x); }`),
 * or any function not known to leave its arguments alone. */
function handedToChanger(j: JSCodeshift, path: ASTPath<any>, depth = 0): boolean {
  const taken = callTaking(path);
  if (!taken) return false;
  const { call, index } = taken;
  const callee = call.node.callee;
  const name = calleeName(callee);
  if (call.node.type !== 'NewExpression') {
    if (MUTATING_CALLS.has(name)) return index === 0;
    if (NON_MUTATING_CALLS.has(name) || name.startsWith('console.')) return false;
    // stored into a collection (`other.set(k, item)`, `list.push(item)`): held, not changed
    if (MEMBER.has(callee.type) && !callee.computed && ['set', 'add', 'push', 'unshift'].includes(propertyName(callee) ?? '')) return false;
  }
  if (depth > 3 || call.node.type === 'NewExpression' || callee.type !== 'Identifier') return true;
  const fn = functionNamed(call.get('callee'));
  if (!fn) return true;
  const params: any[] = fn.node.params;
  if (params.slice(0, index + 1).some((p: any) => p.type === 'RestElement')) return true;
  if (index >= params.length) return fn.node.type !== 'ArrowFunctionExpression' && mentionsName(fn.node.body, 'arguments');
  const names = patternNamesOf(fn.get('params', index));
  return names.some((id) => {
    const scope = resolveScope(id);
    if (!scope) return true;
    return findPaths(j, fn, 'Identifier', (n: any) => n.name === id.node.name).some((p) => {
      if (p.node === id.node || !isReference(p) || resolveScope(p) !== scope) return false;
      const effect = referenceEffect(p);
      if (effect.kind === 'passed') return handedToChanger(j, p, depth + 1);
      return isMutation(effect) || effect.kind === 'alias';
    });
  });
}

/** The function of the module (a declaration, or a `const f = function/arrow`) that the name at
 * `idPath` calls, or null. */
function functionNamed(idPath: ASTPath<any>): ASTPath<any> | null {
  const scope = resolveScope(idPath);
  if (!scope) return null;
  const bindings: ASTPath<any>[] = scope.getBindings()[idPath.node.name] ?? [];
  if (bindings.length !== 1) return null;
  const binding = bindings[0];
  const parent = binding.parent;
  if (parent?.node.type === 'FunctionDeclaration' && parent.node.id === binding.node) return parent;
  if (parent?.node.type === 'VariableDeclarator' && parent.node.id === binding.node && ['FunctionExpression', 'ArrowFunctionExpression'].includes(parent.node.init?.type)) {
    const declaration = parent.parent?.node;
    return declaration?.kind === 'const' ? parent.get('init') : null;
  }
  return null;
}

/** The identifiers a parameter declares (itself, or the parts it is taken apart into). */
function patternNamesOf(p: ASTPath<any>): ASTPath<any>[] {
  return patternNames(p);
}

/**
 * For state that is migrated anyway (not recognised as a cache by key): the first place it
 * hands back, under a key, a value it stored under that same key (`lru.get(k)` beside
 * `lru.set(k, v)`, `memo[key]` beside `memo[key] = v`), as a cache does; null when it does
 * not. A read that only feeds the next write of the same entry (`counts[k] = (counts[k] ||
 * 0) + 1`, `m.set(k, (m.get(k) ?? 0) + 1)`) is a counter's, not a cache's. For a `Map` or
 * `WeakMap`, or an object made empty (`{}`, `Object.create(null)`).
 */
export function readBackByKey(init: any, references: Reference[]): { text: string; line: number } | null {
  const holder = holderOf(init);
  const empty = holder === 'map' || (holder === 'object' && !(unwrap(init).type === 'ObjectExpression' && unwrap(init).properties.length > 0));
  if (!holder || !empty) return null;
  const written = new Set<string>();
  const reads: { key: string; path: ASTPath<any> }[] = [];
  for (const { path } of references) {
    const access = accessAt(path, holder);
    const key = access ? keyText(access.key) : '';
    if (!access || key === '' || (holder === 'object' && /Literal$/.test(access.key.type))) continue;
    const writes = holder === 'map' ? access.method === 'set' : access.path.parent?.node.type === 'AssignmentExpression' && access.path.parent.node.left === access.path.node;
    const readsBack = holder === 'map' ? access.method === 'get' : !writes;
    if (writes) written.add(key);
    else if (readsBack && !feedsOwnWrite(access.path, path.node.name, key)) reads.push({ key, path: access.path });
  }
  const hit = reads.find((r) => written.has(r.key));
  return hit ? { text: sourceExcerpt(hit.path.node), line: hit.path.node.loc?.start.line ?? 0 } : null;
}

/** The read at `read` sits in the value written back to the same entry: the right of
 * `name[key] = ...` or an argument of `name.set(key, ...)`. */
function feedsOwnWrite(read: ASTPath<any>, name: string, key: string): boolean {
  for (let p = read.parent; p && !/Function|Method|Statement$/.test(p.node.type); p = p.parent) {
    const node = p.node;
    if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'Identifier' && node.left.object.name === name && keyText(node.left.property) === key) return true;
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.object.type === 'Identifier' && node.callee.object.name === name && propertyName(node.callee) === 'set' && keyText(node.arguments[0]) === key) return true;
  }
  return false;
}
