// Which code runs when: the code a handler reaches (its own body plus the module
// functions, classes and function-holding objects it names, through any number of
// helpers), the code that runs while the module loads, and where a reference sits.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findPaths } from './fastFind';
import { isReference, isInside, mayNameModuleBinding, moduleFunctionName } from './scope';
import { resolveScope } from './lexicalScope';
import { collectExports, commonJsExportPath, resolveToFunction } from './handlers';
import { closureChange } from './hiddenState';
import { importedFrom } from './packageValues';
import { sourceExcerpt } from './sourceExcerpt';
import type { HandlerInfo } from './types';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const INSTANCE_FIELDS = new Set(['ClassProperty', 'ClassPrivateProperty', 'PropertyDefinition']);
const CALL_TYPES = ['CallExpression', 'NewExpression', 'OptionalCallExpression'];

/** The innermost code that does not run where it is written: a function, a method, or an
 * instance field initializer (runs at construction). Null at module level. */
export function enclosingFunction(path: ASTPath<any>): ASTPath<any> | null {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (FUNCTION_TYPES.has(p.node.type)) return p;
    if (INSTANCE_FIELDS.has(p.node.type) && !p.node.static && p.node.value && isInside(path, p.get('value'))) return p;
  }
  return null;
}

function containsFunction(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  if (FUNCTION_TYPES.has(node.type) || node.type === 'ClassExpression') return true;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'tokens' || key === 'original') continue;
    const value = node[key];
    if (Array.isArray(value) ? value.some(containsFunction) : value && typeof value.type === 'string' && containsFunction(value)) return true;
  }
  return false;
}

/** The unit of code a module-level name stands for, when calling or using it can run code
 * of this module: a function or class declaration, or an initializer that holds functions
 * (`const helpers = { add() {} }`, `const run = () => {}`). */
export function codeUnitOf(idPath: ASTPath<any>): ASTPath<any> | null {
  const scope = resolveScope(idPath);
  if (!scope?.isGlobal) return null;
  const bindings: ASTPath<any>[] = scope.getBindings()[idPath.node.name] ?? [];
  for (const binding of bindings) {
    const parent = binding.parent;
    if (!parent) continue;
    if ((parent.node.type === 'FunctionDeclaration' || parent.node.type === 'ClassDeclaration') && parent.node.id === binding.node) return parent;
    if (parent.node.type === 'VariableDeclarator' && parent.node.id === binding.node && containsFunction(parent.node.init)) return parent.get('init');
  }
  return null;
}

/** The class of this module a name holds an instance of (`const repo = new Repo()`): code
 * that uses the instance may run any of the class's methods. */
export function classOfInstance(idPath: ASTPath<any>): ASTPath<any> | null {
  const scope = resolveScope(idPath);
  if (!scope?.isGlobal) return null;
  for (const binding of (scope.getBindings()[idPath.node.name] ?? []) as ASTPath<any>[]) {
    const declarator = binding.parent;
    const init = declarator?.node.type === 'VariableDeclarator' && declarator.node.id === binding.node ? declarator.node.init : null;
    if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier') continue;
    const unit = codeUnitOf(declarator.get('init', 'callee'));
    if (unit && (unit.node.type === 'ClassDeclaration' || unit.node.type === 'ClassExpression')) return unit;
  }
  return null;
}

/** The code `batcher.flush` names when `batcher` holds an instance of a class of this
 * module: the member's function (a method, an accessor, a field's function value), 'data'
 * for a field that holds no function (reading it runs nothing), null when the member is
 * not written in the class (inherited, or set in the constructor) or `path` is no such
 * member expression. */
function instanceMember(path: ASTPath<any>): ASTPath<any> | 'data' | null {
  const node = path.node;
  if (!MEMBERS.has(node.type) || node.computed || node.property.type !== 'Identifier' || node.object.type !== 'Identifier') return null;
  let owner = classOfInstance(path.get('object'));
  // a member the class inherits from a class of the module (`class Batcher extends Base`)
  for (let depth = 0; owner && depth < 8; depth++) {
    let found: ASTPath<any> | 'data' | null = null;
    owner.get('body', 'body').each((member: ASTPath<any>) => {
      const m = member.node;
      if (found || m.static || m.computed || m.key?.name !== node.property.name) return;
      if (m.type === 'ClassMethod' || m.type === 'ClassPrivateMethod') found = member;
      else if (m.type === 'MethodDefinition') found = member.get('value');
      else if (INSTANCE_FIELDS.has(m.type)) found = m.value && FUNCTION_TYPES.has(m.value.type) ? member.get('value') : 'data';
    });
    if (found) return found;
    const parent = owner.node.superClass?.type === 'Identifier' ? codeUnitOf(owner.get('superClass')) : null;
    owner = parent && (parent.node.type === 'ClassDeclaration' || parent.node.type === 'ClassExpression') ? parent : null;
  }
  return null;
}

/** Every unit reached from `starts`, the starts included; each unit is visited once. */
export function reachFrom(j: JSCodeshift, starts: ASTPath<any>[]): ASTPath<any>[] {
  return reach(j, starts, true);
}

/** As reachFrom, but through an instance of a module class only the members named on it
 * (`batcher.add(x)` reaches `add`, not `flush`); other uses of the instance reach the class. */
function reachMembersFrom(j: JSCodeshift, starts: ASTPath<any>[]): ASTPath<any>[] {
  return reach(j, starts, true, true);
}

/** The units the code of `starts` reaches; a start is among them only when code it reaches
 * (itself included) refers back to it: a function that calls itself, directly or through
 * helpers, reaches itself. */
export function reachedBy(j: JSCodeshift, starts: ASTPath<any>[]): ASTPath<any>[] {
  return reach(j, starts, false);
}

/** A function handed to a call made while the module loads, in a module-level value a
 * handler names (`(id) => ...` in `const loadTenant = memoize((id) => ...)`): the handler
 * calls what the call made, and the wrapper (`wrapper`, as written) decides whether that runs
 * the function: a memo runs it once per key, not on each call. `fn`: the function's code,
 * itself or the module function a name handed over stands for (`memoize(fetchTenant)`). */
export interface WrappedFunction {
  fn: ASTPath<any>;
  wrapper: string;
}

/** The functions the code of `unit` hands to a call made as the module loads that may skip
 * calls of them (see WrappedFunction, maySkipCalls). None for a unit that is itself a
 * function or a class (its calls run when it runs). */
export function wrappedIn(j: JSCodeshift, unit: ASTPath<any>): WrappedFunction[] {
  if (FUNCTION_TYPES.has(unit.node.type) || unit.node.type === 'ClassDeclaration' || unit.node.type === 'ClassExpression') return [];
  const found: WrappedFunction[] = [];
  const arguments_ = findPaths(j, unit, [...FUNCTION_TYPES, 'Identifier'], (node) => FUNCTION_TYPES.has(node.type) || node.type === 'Identifier');
  for (const argument of arguments_) {
    const call = argument.parent;
    if (!call || !CALL_TYPES.includes(call.node.type) || !call.node.arguments.includes(argument.node) || enclosingFunction(argument) !== null) continue;
    const fn = argument.node.type === 'Identifier' ? codeUnitOf(argument) : argument;
    if (!fn || !FUNCTION_TYPES.has(fn.node.type)) continue;
    if (!maySkipCalls(j, call)) continue;
    found.push({ fn, wrapper: `${sourceExcerpt(call.node.callee)}(...)` });
  }
  return found;
}

/** A wrapper that may skip calls of the function it is handed: named so (`memoize`, `once`,
 * `throttle`, `debounce`, a `cache`, a DataLoader) or made by a package named so
 * (`import pMemo from 'p-memoize'`), or a function of this module whose made function keeps
 * state from one call to the next (a hand-written memo). Other calls (`FIELDS.map(fn)`,
 * `util.promisify(fn)`, a retry or timing wrapper) run the function whenever theirs is called,
 * and what it reaches is followed as the handler's own code. */
const SKIPS_CALLS = /memo|once|cache|debounce|throttle|dedupe|moize|^mem$|dataloader/i;

function maySkipCalls(j: JSCodeshift, call: ASTPath<any>): boolean {
  let callee: ASTPath<any> = call.get('callee');
  const local = callee.node.type === 'Identifier' ? codeUnitOf(callee) : null;
  if (local && FUNCTION_TYPES.has(local.node.type)) return closureChange(j, local) !== null;
  const name = callee.node.type === 'Identifier' ? callee.node.name : MEMBERS.has(callee.node.type) && !callee.node.computed ? callee.node.property.name : null;
  if (typeof name === 'string' && SKIPS_CALLS.test(name)) return true;
  while (MEMBERS.has(callee.node.type)) callee = callee.get('object');
  const source = callee.node.type === 'Identifier' ? importedFrom(callee) : null;
  return source !== null && SKIPS_CALLS.test(source);
}

const MEMBERS = new Set(['MemberExpression', 'OptionalMemberExpression']);

/** What a handler reaches (`units`), and, in `wrapped`, each function that code of those
 * units hands to a call made at load, with the units that function reaches (itself
 * included): the handler runs them only when the wrapper does. */
export interface HandlerReach {
  handler: HandlerInfo;
  units: ASTPath<any>[];
  wrapped: { units: ASTPath<any>[]; wrapper: string }[];
  /** What the handler reaches naming members of class instances one by one (see
   * reachMembersFrom), worked out when first asked for. */
  members: () => ASTPath<any>[];
}

export function handlerReach(j: JSCodeshift, handler: HandlerInfo): HandlerReach {
  const units = reachFrom(j, [handler.fn]);
  const wrapped = units.flatMap((unit) => wrappedIn(j, unit)).map((w) => ({ units: reachFrom(j, [w.fn]), wrapper: w.wrapper }));
  let members: ASTPath<any>[] | null = null;
  return { handler, units, wrapped, members: () => (members ??= reachMembersFrom(j, [handler.fn])) };
}

function reach(j: JSCodeshift, starts: ASTPath<any>[], withStarts: boolean, byMember = false): ASTPath<any>[] {
  const seen = new Set<any>();
  const order: ASTPath<any>[] = [];
  // units whose code is searched, in the order they are found; the starts first
  const searched = new Set<any>();
  const pending: ASTPath<any>[] = [];
  const search = (unit: ASTPath<any>) => {
    if (searched.has(unit.node)) return;
    searched.add(unit.node);
    pending.push(unit);
  };
  const add = (unit: ASTPath<any>) => {
    if (!seen.has(unit.node)) {
      seen.add(unit.node);
      order.push(unit);
    }
    search(unit);
  };
  starts.forEach(withStarts ? add : search);
  let exported: Map<string, ASTPath<any>> | null = null;
  for (let i = 0; i < pending.length; i++) {
    // a code unit is named by a module-level binding; `exports` and `module` reach exports
    findPaths(j, pending[i], 'Identifier', mayNameModuleBinding(pending[i], ['exports', 'module'])).forEach((p) => {
      if (!isReference(p)) return;
      const member = byMember && p.parent?.node.object === p.node ? instanceMember(p.parent) : null;
      const unit = member === 'data' ? null : (member ?? codeUnitOf(p) ?? classOfInstance(p));
      if (unit) add(unit);
      // `exports.processOne(record)`: a module function reached through the module's exports
      const alias = !unit && p.node.name !== 'exports' && p.node.name !== 'module' && namesExportsObject(p);
      if (p.node.name === 'exports' || p.node.name === 'module' || alias) {
        const names = exportNamesReached(p, alias);
        if (names === null) return;
        exported ??= exportedFunctions(j, p);
        if (names === 'all') exported.forEach((target) => add(target));
        else for (const name of names) {
          const target = exported.get(name);
          if (target) add(target);
        }
      }
    });
    // `this.process(body)` in a method runs the class's method `process`
    const owner = classAround(pending[i]);
    if (owner) for (const method of methodsCalledOnThis(j, pending[i], owner)) add(method);
  }
  return order;
}

/** The class a method (or other code) sits in, or null. */
function classAround(unit: ASTPath<any>): ASTPath<any> | null {
  for (let p = unit.parent; p; p = p.parent) {
    if (p.node.type === 'ClassDeclaration' || p.node.type === 'ClassExpression') return p;
  }
  return null;
}

/** The methods of `owner` that `unit` calls as `this.name(...)`: the method's function, or a
 * field's function value (`name = () => ...`). */
function methodsCalledOnThis(j: JSCodeshift, unit: ASTPath<any>, owner: ASTPath<any>): ASTPath<any>[] {
  const names = new Set<string>();
  for (const self of findPaths(j, unit, 'ThisExpression')) {
    const member = self.parent?.node;
    const call = self.parent?.parent?.node;
    if (member?.type !== 'MemberExpression' || member.object !== self.node || member.computed || member.property.type !== 'Identifier') continue;
    if ((call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === member) names.add(member.property.name);
  }
  if (names.size === 0) return [];
  const methods: ASTPath<any>[] = [];
  owner.get('body', 'body').each((member: ASTPath<any>) => {
    const node = member.node;
    if (node.computed || !names.has(node.key?.name)) return;
    if (node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod') methods.push(member);
    else if (node.type === 'MethodDefinition') methods.push(member.get('value'));
    else if ((node.type === 'ClassProperty' || node.type === 'PropertyDefinition') && node.value && FUNCTION_TYPES.has(node.value.type)) methods.push(member.get('value'));
  });
  return methods;
}

/** The export names code reaches through `exports` or `module` at `idPath`:
 * `exports.a.b` and `exports['a']` → `a.b`, `a`; `const { a, b } = module.exports` → `a`, `b`;
 * `exports[name]` with a name only known at run time → 'all'; anything else (such as
 * `module.id`) → null. */
function exportNamesReached(idPath: ASTPath<any>, alias = false): string[] | 'all' | null {
  const parts: string[] = [];
  let member = idPath;
  let root = alias || idPath.node.name === 'exports';
  for (;;) {
    const parent = member.parent?.node;
    if (!parent || (parent.type !== 'MemberExpression' && parent.type !== 'OptionalMemberExpression') || parent.object !== member.node) break;
    const key = !parent.computed && parent.property.type === 'Identifier' ? parent.property.name : typeof parent.property.value === 'string' ? parent.property.value : null;
    if (!root) {
      // `module` must be followed by `.exports`
      if (key !== 'exports') return null;
      root = true;
    } else if (key === null) {
      return 'all';
    } else {
      parts.push(key);
    }
    member = member.parent;
  }
  if (!root) return null;
  if (parts.length > 0) return [parts.join('.')];
  // the exports object itself, destructured: `const { record } = module.exports`
  const holder = member.parent?.node;
  if (holder?.type === 'VariableDeclarator' && holder.init === member.node && holder.id.type === 'ObjectPattern') {
    return holder.id.properties
      .map((prop: any) => (prop.computed ? null : prop.key?.type === 'Identifier' ? prop.key.name : typeof prop.key?.value === 'string' ? prop.key.value : null))
      .filter((name: string | null): name is string => name !== null);
  }
  return null;
}

/** `api` in `const api = module.exports = {}` or `var api = exports`: a module-level name for
 * the exports object, through which the module exports (`api.record = fn`) and calls what it
 * exported (`api.record(id)`). */
function namesExportsObject(idPath: ASTPath<any>): boolean {
  const scope = resolveScope(idPath);
  if (!scope?.isGlobal) return false;
  for (const binding of (scope.getBindings()[idPath.node.name] ?? []) as ASTPath<any>[]) {
    const declarator = binding.parent?.node;
    if (declarator?.type !== 'VariableDeclarator' || declarator.id !== binding.node) continue;
    for (let init = declarator.init; init; init = init.type === 'AssignmentExpression' && init.operator === '=' ? init.right : null) {
      if (commonJsExportPath(init.type === 'AssignmentExpression' ? init.left : init) === '') return true;
    }
  }
  return false;
}

/** The module's exported functions by export name, from the program `path` is in. */
function exportedFunctions(j: JSCodeshift, path: ASTPath<any>): Map<string, ASTPath<any>> {
  let top = path;
  while (top.parent) top = top.parent;
  const functions = new Map<string, ASTPath<any>>();
  for (const entry of collectExports(j, j(top))) {
    const fn = resolveToFunction(entry.value, 0);
    if (fn) functions.set(entry.name, fn);
  }
  return functions;
}

/** Code that runs while the module loads: functions called at module level (directly, as an
 * IIFE, or handed to a call made at module level, such as `items.forEach(fn)`), and what
 * they reach. Handlers handed to wrappers (`middy(handler)`) are not run at load; a handler
 * called at module level (a warm-up call) is. */
export function loadTimeUnits(j: JSCodeshift, root: Collection<any>, handlers: HandlerInfo[]): ASTPath<any>[] {
  return reachFrom(j, loadTimeStarts(j, root, handlers).starts.map((start) => start.path));
}

/** The load-time code (`units`, as loadTimeUnits gives it), and the part of it that surely
 * runs while the module loads (`called`): not the callbacks the module hands over
 * (`app.use((req, res, next) => ...)`), which the code they are handed to may run later. */
export interface LoadTimeCode {
  units: ASTPath<any>[];
  called: ASTPath<any>[];
  /** Names of the functions called in a decorator (`@route('/x')` → `route`): what they
   * return is applied while the class is defined. */
  decoratorFactories: Set<string>;
  /** Methods and function fields of module class instances handed over as the module loads
   * (`process.on('beforeExit', batcher.flush)`, `batcher.flush.bind(batcher)`,
   * `() => batcher.flush()`), or reached from what was. */
  handedMembers: ASTPath<any>[];
}

export function loadTimeCode(j: JSCodeshift, root: Collection<any>, handlers: HandlerInfo[]): LoadTimeCode {
  const { starts, decoratorFactories } = loadTimeStarts(j, root, handlers);
  return {
    units: reachFrom(j, starts.map((start) => start.path)),
    called: reachFrom(j, starts.filter((start) => start.called).map((start) => start.path)),
    decoratorFactories,
    handedMembers: reachMembersFrom(j, starts.filter((start) => !start.called).map((start) => start.path)).filter(isClassMember),
  };
}

/** A method of a class, or the function value of one of its fields. */
function isClassMember(unit: ASTPath<any>): boolean {
  const parent = unit.parent?.node;
  return parent?.type === 'ClassBody' || ((parent?.type === 'MethodDefinition' || INSTANCE_FIELDS.has(parent?.type)) && parent.value === unit.node);
}

/** Where load-time code starts: each function run or handed over at module level, with
 * whether it is called there (`called`) or handed to other code. */
function loadTimeStarts(j: JSCodeshift, root: Collection<any>, handlers: HandlerInfo[]): { starts: { path: ASTPath<any>; called: boolean }[]; decoratorFactories: Set<string> } {
  const handlerNodes = new Set(handlers.map((h) => h.fn.node));
  const starts: { path: ASTPath<any>; called: boolean }[] = [];
  // a handler handed to a call (`middy(handler)`) is wrapped, not run; one called by name is run
  const consider = (path: ASTPath<any>, called: boolean) => {
    const node = path.node;
    if (FUNCTION_TYPES.has(node.type)) {
      if (called || !handlerNodes.has(node)) starts.push({ path, called });
    } else if (node.type === 'Identifier') {
      const unit = codeUnitOf(path);
      if (unit && (called || !handlerNodes.has(unit.node))) starts.push({ path: unit, called });
    } else if (MEMBERS.has(node.type)) {
      // a member of an instance of a module class: `process.on('beforeExit', batcher.flush)`
      const member = instanceMember(path);
      if (member && member !== 'data' && (called || !handlerNodes.has(member.node))) starts.push({ path: member, called });
    } else if (!called && node.type === 'CallExpression' && MEMBERS.has(node.callee.type) && !node.callee.computed && node.callee.property.name === 'bind') {
      // `flush.bind(null)`, `batcher.flush.bind(batcher)`: the function is handed over bound
      consider(path.get('callee', 'object'), false);
    }
  };
  const calls = root.paths().flatMap((top) => findPaths(j, top, CALL_TYPES, (node) => CALL_TYPES.includes(node.type)));
  calls.forEach((path: ASTPath<any>) => {
    const node = path.node;
    if (enclosingFunction(path) !== null) return;
    const constructed = node.type === 'NewExpression' && node.callee.type === 'Identifier' ? codeUnitOf(path.get('callee')) : null;
    // `new App()` runs the class's constructor and field initializers, not its methods
    if (constructed && (constructed.node.type === 'ClassDeclaration' || constructed.node.type === 'ClassExpression')) {
      starts.push(...constructionCode(constructed).map((code) => ({ path: code, called: true })));
    } else {
      consider(path.get('callee'), true);
    }
    // `api.handle.bind(api)` for a handler: the object becomes the handler's `this`, which
    // runs when Lambda calls the handler, not as the module loads
    const bindsHandler = MEMBERS.has(node.callee.type) && !node.callee.computed && node.callee.property.name === 'bind' && handlerNodes.has(resolveToFunction(path.get('callee', 'object'), 0)?.node as any);
    for (let i = bindsHandler ? 1 : 0; i < node.arguments.length; i++) consider(path.get('arguments', i), false);
  });
  // decorators of a class defined at module level (on the class, a method, a field) are
  // applied while the class is defined: the decorator, or the factory `@route('/x')` calls
  const decoratorFactories = new Set<string>();
  const decorators = root.paths().flatMap((top) => findPaths(j, top, 'Decorator'));
  for (const decorator of decorators) {
    const expression = decorator.get('expression');
    if (expression.node.type === 'CallExpression' && expression.node.callee.type === 'Identifier') decoratorFactories.add(expression.node.callee.name);
    let owner: ASTPath<any> | null = decorator.parent;
    while (owner && owner.node.type !== 'ClassDeclaration' && owner.node.type !== 'ClassExpression') owner = owner.parent;
    if (!owner || enclosingFunction(owner) !== null) continue;
    if (CALL_TYPES.includes(expression.node.type)) {
      consider(expression.get('callee'), true);
      expression.get('arguments').each((arg: ASTPath<any>) => consider(arg, false));
    } else {
      consider(expression, true);
    }
  }
  return { starts, decoratorFactories };
}

/** What `new C()` runs of a class: its constructor and its instance field initializers. A
 * field whose value is a function (`handle = async (event) => ...`) only creates it there;
 * its body runs when the function is called (a `this.handle()` in the constructor is
 * followed by reach). */
function constructionCode(classPath: ASTPath<any>): ASTPath<any>[] {
  const members = classPath.get('body', 'body');
  const code: ASTPath<any>[] = [];
  for (let i = 0; i < members.value.length; i++) {
    const member = members.get(i);
    const m = member.value;
    if ((m.type === 'MethodDefinition' || m.type === 'ClassMethod') && m.kind === 'constructor') code.push(m.type === 'MethodDefinition' ? member.get('value') : member);
    else if (INSTANCE_FIELDS.has(m.type) && !m.static && m.value && !FUNCTION_TYPES.has(m.value.type)) code.push(member.get('value'));
  }
  return code;
}

/** Where a reference sits, relative to the handlers. */
export type Place =
  | { at: 'module' }
  /** inside a function: `direct` handlers contain it, `reachedBy` handlers reach it (direct
   * included); `atLoad`: the function also runs while the module loads; `byOthers`: a
   * function the module exports besides its handlers reaches it (other modules may call
   * that function at any time, also while they load); `byLeftHandler`: a handler left as it
   * is (another handler calls it) reaches it; `handedOver`: `atLoad` only because a callback
   * was handed to other code as the module loaded (a middleware), which may run it later;
   * `wrappedBy`: the `reachedBy` handlers reach it through a function handed to a call made
   * at load (`memoize(...)`, as written), which decides when that function runs */
  | { at: 'function'; direct: HandlerInfo[]; reachedBy: HandlerInfo[]; atLoad: boolean; handedOver: boolean; byOthers: boolean; byLeftHandler: boolean; wrappedBy: string | null };

/** A function that the function around it hands back rather than runs: returned
 * (`return async (event) => ...`), an arrow's value, or in an object or array that is
 * (`({ before: async (request) => ... })`). Made while the module loads, run later; but what
 * a decorator factory (`@route('/orders')`) returns is applied while the class is defined. */
function madeForLater(fn: ASTPath<any> | null, decoratorFactories: Set<string>): boolean {
  if (!fn || !FUNCTION_TYPES.has(fn.node.type)) return false;
  let child: ASTPath<any> = fn;
  let p = fn.parent;
  while (p && ['ObjectProperty', 'Property', 'ObjectExpression', 'ArrayExpression'].includes(p.node.type)) {
    child = p;
    p = p.parent;
  }
  const handedBack = p?.node.type === 'ReturnStatement' || (p?.node.type === 'ArrowFunctionExpression' && p.node.body === child.node);
  if (!handedBack) return false;
  const factory = enclosingFunction(fn);
  const name = factory ? moduleFunctionName(factory) : null;
  return name === null || !decoratorFactories.has(name);
}

export function placeOf(path: ASTPath<any>, reaches: HandlerReach[], loadTime: LoadTimeCode, exportedOthers: ASTPath<any>[] = [], leftHandlers: ASTPath<any>[] = []): Place {
  if (enclosingFunction(path) === null) return { at: 'module' };
  const atLoad = loadTime.units.some((unit) => isInside(path, unit));
  const handedOver = atLoad && (!loadTime.called.some((unit) => isInside(path, unit)) || madeForLater(enclosingFunction(path), loadTime.decoratorFactories));
  const direct = reaches.filter((r) => isInside(path, r.handler.fn)).map((r) => r.handler);
  // a member handed over at load is the handler's code only when the handler names it
  // (`batcher.flush()`), as a module function handed over is when the handler calls it: a
  // handler that uses the instance for another member does not run it
  const handedMember = loadTime.handedMembers.some((unit) => isInside(path, unit));
  const reaching = reaches.filter((r) => (handedMember ? r.members() : r.units).some((unit) => isInside(path, unit)));
  const reachedBy = reaching.map((r) => r.handler);
  const byOthers = exportedOthers.some((unit) => isInside(path, unit));
  const byLeftHandler = leftHandlers.some((unit) => isInside(path, unit));
  const wrappedBy = reaching.flatMap((r) => r.wrapped).find((w) => w.units.some((unit) => isInside(path, unit)))?.wrapper ?? null;
  return { at: 'function', direct, reachedBy, atLoad, handedOver, byOthers, byLeftHandler, wrappedBy };
}

/** The code that functions the module exports besides its handlers reach (`exports.addValidator`,
 * a helper exported for other modules or for tests), those functions included. */
export function exportedNonHandlerUnits(j: JSCodeshift, root: Collection<any>, handlers: HandlerInfo[]): ASTPath<any>[] {
  const handlerNodes = new Set(handlers.map((h) => h.fn.node));
  const starts: ASTPath<any>[] = [];
  for (const entry of collectExports(j, root)) {
    const fn = resolveToFunction(entry.value, 0);
    if (fn && !handlerNodes.has(fn.node) && !starts.some((s) => s.node === fn.node)) starts.push(fn);
  }
  return starts.length > 0 ? reachFrom(j, starts) : [];
}
