// The `/tmp` paths a module uses, and what the code does with each one: writes a file,
// creates a directory, only reads, checks for existence, or hands it to code the analysis
// does not see. Independent of any transform: the `tmp` transform plans its cleanup from
// it, and `simulate` can use it to clear what a cold environment would not have.
import { posix } from 'node:path';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findFsBindings, fsCallOf, type FsBindings } from './fsBindings';
import { FS_PATH_ARGUMENTS, LIBRARY_PATH_ARGUMENTS, type PathArgument, type TmpAccess } from './fsPathArguments';
import { findPaths } from './fastFind';
import { findModuleBinding } from './imports';
import { refersToModuleBinding } from './lexicalScope';
import { isMutation, referenceEffect } from './mutation';
import { isReference, moduleFunctionName, moduleFunctionNamed, programPath } from './scope';
import { originalText } from './sourceExcerpt';
import { evaluateString, findPathBindings, isPathOrOsCall, LAMBDA_TMP, type PathBindings, type StringValue } from './staticPath';

export type { TmpAccess } from './fsPathArguments';

export type TmpPathValue =
  /** Normalised, strictly below /tmp, no `..`, nothing dynamic. */
  | { kind: 'static'; path: string }
  /** /tmp itself. */
  | { kind: 'root' }
  /** Has a `..` segment somewhere. `lands` is where the text leads once normalised: the
   * whole path when it is static, else the directory its static start reaches. */
  | { kind: 'dot-dot'; text: string; lands: string; static: boolean }
  /** Has a dynamic part; `directory` is the static directory that holds it (/tmp or below).
   * `fallback`: the path starts with a value that may name any place (an environment
   * variable) and is this /tmp path when that value is unset. */
  | { kind: 'dynamic'; directory: string; reason: string; fallback?: string };

export interface TmpPathUse {
  /** The path expression. */
  expression: ASTPath<any>;
  line: number;
  column: number;
  value: TmpPathValue;
  access: TmpAccess;
  /** `mkdir(p, { recursive: true })`: creating it again does not throw. */
  recursive: boolean;
  /** The call that uses the path, as written (`fs.writeFileSync`, `download`). */
  via: string;
  /** Runs once when the module loads, not in a function. */
  atModuleLoad: boolean;
  /** Paths checked for existence by an `if`/`try` this use depends on (a cache guard). */
  guardedBy: TmpPathValue[];
  /** Module state (as written: `loaded`, `state.model`) that lets this use run on a cold start
   * and be skipped on a warm one: the use sits in `if (!opened) { ...; opened = true }`,
   * `out ??= openSync(p)`, after `if (model) return model;`, or in a function called only
   * so, and a function of the module changes that state. */
  onceGuard: string | null;
}

export interface FindTmpPathsOptions {
  /** Only look inside these functions (e.g. a handler and what it reaches), plus the
   * code that runs when the module loads. Default: the whole module. */
  functions?: ASTPath<any>[];
  /** Functions that run while the module loads (called at module level, IIFEs, handed to
   * a call made there): their uses count as module-load uses too. */
  loadTime?: ASTPath<any>[];
}

/** Calls whose arguments are never paths handed on (logging, formatting). */
const IGNORED_CALLEES = /^(console\.\w+|JSON\.\w+|String|Number|Boolean|encodeURIComponent|encodeURI)$/;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/** The analysis state for one module. */
interface Module {
  j: JSCodeshift;
  root: Collection<any>;
  fs: FsBindings;
  paths: PathBindings;
  /** Module functions whose parameters reach a file system call: function node → parameter index → access. */
  helpers: Map<any, Map<number, PathArgument & { recursive: boolean }>>;
  /** The module bindings of packages in LIBRARY_PATH_ARGUMENTS: local name → its methods. */
  libraries: Map<string, Record<string, PathArgument[]>>;
  /** Module binding name → whether a function changes it (see `changedAtRunTime`). */
  runtimeState: Map<string, boolean>;
}

/** Classifies an evaluated string as a /tmp path, or null when it is not one. */
export function classifyTmpPath(value: StringValue): TmpPathValue | null {
  if (!value.static && value.prefix === '' && value.fallback !== undefined) {
    const fallback = posix.normalize(value.fallback).replace(/\/+$/, '');
    const underTmp = fallback === LAMBDA_TMP || fallback.startsWith(`${LAMBDA_TMP}/`);
    return underTmp ? { kind: 'dynamic', directory: LAMBDA_TMP, reason: value.reason, fallback } : null;
  }
  const text = value.static ? value.text : value.prefix;
  const normal = posix.normalize(text || '.');
  const underTmp = (t: string) => t === LAMBDA_TMP || t.startsWith(`${LAMBDA_TMP}/`);
  if (!underTmp(text) && !underTmp(normal)) return null;
  // a dynamic part glued to text (`/tmp/out-${id}`) belongs to the segment that text starts
  const directory = value.static ? '' : posix.normalize(value.atSegment ? text : text.slice(0, text.lastIndexOf('/') + 1) || '/').replace(/\/+$/, '');
  if (value.dotDot) return { kind: 'dot-dot', text, lands: value.static ? normal.replace(/\/+$/, '') || '/' : directory || '/', static: value.static };
  if (value.static) {
    const path = normal.replace(/\/+$/, '');
    return underTmp(path) && path !== LAMBDA_TMP ? { kind: 'static', path } : { kind: 'root' };
  }
  return { kind: 'dynamic', directory: underTmp(directory) ? directory : LAMBDA_TMP, reason: value.reason };
}

function isRecursiveOption(node: any): boolean {
  return (
    node?.type === 'ObjectExpression' &&
    node.properties.some((p: any) => (p.type === 'ObjectProperty' || p.type === 'Property') && !p.computed && (p.key.name ?? p.key.value) === 'recursive' && p.value.value === true)
  );
}

/** `open(p, 'w')` writes; `open(p)` and `open(p, 'r')` read. */
function openAccess(flags: any): TmpAccess {
  return typeof flags?.value === 'string' && /[wax]/.test(flags.value) ? 'write-file' : 'read';
}

/** What a call does with each of its path arguments: a file system function, or a module
 * function that passes a parameter on to one. */
function pathArgumentsOf(m: Module, call: ASTPath<any>): Array<PathArgument & { recursive: boolean }> | null {
  const fsCall = fsCallOf(m.fs, call);
  const args = call.node.arguments ?? [];
  if (fsCall) {
    const base = fsCall.method.replace(/Sync$/, '');
    return (FS_PATH_ARGUMENTS[base] ?? []).map((a) => {
      if (base === 'open') return { ...a, access: openAccess(args[1]), recursive: false };
      if (base === 'cp' && a.access === 'write-file' && isRecursiveOption(args[2])) return { ...a, access: 'make-directory' as const, recursive: true };
      return { ...a, recursive: base === 'mkdir' && isRecursiveOption(args[1]) };
    });
  }
  const library = libraryPathArguments(m, call);
  if (library) return library.map((a) => ({ ...a, recursive: false }));
  const callee = call.node.callee;
  if (callee.type !== 'Identifier') return null;
  const scope = call.scope?.lookup(callee.name);
  if (!scope?.isGlobal) return null;
  const fn = moduleFunctionNamed(m.j, m.root, callee.name);
  const summary = fn && m.helpers.get(fn.node);
  return summary ? [...summary.values()] : null;
}

/** What a library method does with its path arguments (see LIBRARY_PATH_ARGUMENTS): the call
 * is the method, on a chain that starts with a call of the package (`sharp(input).resize(64)
 * .toFile(out)`), directly or through a `const` that holds such a chain (`const image =
 * sharp(input); await image.toFile(out)`). */
function libraryPathArguments(m: Module, call: ASTPath<any>): PathArgument[] | null {
  const callee = call.node.callee;
  if (m.libraries.size === 0 || callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  let object: ASTPath<any> = call.get('callee', 'object');
  for (const seen = new Set<any>(); !seen.has(object.node); ) {
    seen.add(object.node);
    while (object.node.type === 'CallExpression' && object.node.callee.type === 'MemberExpression') object = object.get('callee', 'object');
    if (object.node.type === 'CallExpression' && object.node.callee.type === 'Identifier') {
      const methods = m.libraries.get(object.node.callee.name);
      if (!methods || !refersToModuleBinding(object.get('callee')) || !Object.hasOwn(methods, callee.property.name)) return null;
      return methods[callee.property.name];
    }
    const init = object.node.type === 'Identifier' ? constInit(object) : null;
    if (!init) return null;
    object = init;
  }
  return null;
}

/** The initial value of the `const` an identifier names, or null. */
function constInit(idPath: ASTPath<any>): ASTPath<any> | null {
  const declared = idPath.scope?.lookup(idPath.node.name)?.getBindings()[idPath.node.name] ?? [];
  const declarator = declared.length === 1 ? declared[0].parent : null;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.id !== declared[0].node || !declarator.node.init) return null;
  return declarator.parent?.node.kind === 'const' ? declarator.get('init') : null;
}

/** The parameter index an identifier refers to when it is a parameter of `fn`, else -1. */
function parameterIndex(fn: any, idPath: ASTPath<any>): number {
  if (idPath.node.type !== 'Identifier') return -1;
  const scope = idPath.scope?.lookup(idPath.node.name);
  if (!scope || scope.node !== fn) return -1;
  return fn.params.findIndex((p: any) => (p.type === 'Identifier' ? p : p.type === 'AssignmentPattern' ? p.left : null)?.name === idPath.node.name);
}

/** Which parameters of each module function end up as a path in a file system call,
 * directly or through other such functions (`function save(file, data) { fs.writeFileSync(file, data) }`). */
function summariseHelpers(m: Module, functions: ASTPath<any>[]): void {
  // the calls of each function, searched once for all the rounds
  const callsOf = new Map(functions.map((fn) => [fn, findPaths(m.j, fn, 'CallExpression')]));
  for (let round = 0, changed = true; changed && round < 8; round++) {
    changed = false;
    for (const fn of functions) {
      const summary = m.helpers.get(fn.node) ?? new Map();
      for (const call of callsOf.get(fn)!) {
        for (const arg of pathArgumentsOf(m, call) ?? []) {
          if (!call.node.arguments[arg.index]) continue;
          const index = parameterIndex(fn.node, call.get('arguments', arg.index));
          if (index >= 0 && !summary.has(index)) {
            summary.set(index, { ...arg, index });
            changed = true;
          }
        }
      }
      if (summary.size > 0) m.helpers.set(fn.node, summary);
    }
  }
}

function enclosingFunction(p: ASTPath<any>): ASTPath<any> | null {
  for (let q = p.parent; q; q = q.parent) if (FUNCTION_TYPES.has(q.node.type)) return q;
  return null;
}

/** Existence checks in `node` (an `if` test, a `try` block), evaluated. */
function checksIn(m: Module, p: ASTPath<any>, missing: 'negated' | 'plain' | 'any' = 'any'): TmpPathValue[] {
  const out: TmpPathValue[] = [];
  const visit = (call: ASTPath<any>) => {
    // in an `if` test, the branch runs while the path is missing only for `!existsSync(p)`
    // (the consequent) or `existsSync(p)` (the alternate, or what follows an early return)
    if (missing !== 'any' && isNegated(call) !== (missing === 'negated')) return;
    for (const arg of pathArgumentsOf(m, call) ?? []) {
      if (arg.access !== 'check' || !call.node.arguments[arg.index]) continue;
      const value = classifyTmpPath(evaluateString(m.j, call.get('arguments', arg.index), m.paths));
      if (value) out.push(value);
    }
  };
  if (p.node.type === 'CallExpression') visit(p);
  findPaths(m.j, p, 'CallExpression').forEach(visit);
  return out;
}

/** `!check(p)`, `check(p) === false`, `check(p) !== true`: the test holds when the check fails. */
function isNegated(call: ASTPath<any>): boolean {
  let child = call;
  let parent = call.parent;
  while (parent?.node.type === 'ParenthesizedExpression') {
    child = parent;
    parent = parent.parent;
  }
  const node = parent?.node;
  if (node?.type === 'UnaryExpression' && node.operator === '!') return true;
  if (node?.type === 'BinaryExpression') {
    const other = node.left === child.node ? node.right : node.left;
    const literal = other?.type === 'BooleanLiteral' || (other?.type === 'Literal' && typeof other.value === 'boolean') ? other.value : null;
    if (literal === null) return false;
    if (node.operator === '===' || node.operator === '==') return literal === false;
    if (node.operator === '!==' || node.operator === '!=') return literal === true;
  }
  return false;
}

function endsInExit(node: any): boolean {
  const last = node.type === 'BlockStatement' ? node.body[node.body.length - 1] : node;
  return !!last && (last.type === 'ReturnStatement' || last.type === 'ThrowStatement');
}

/** The existence checks a statement depends on: it sits in the branch of an `if` whose
 * test checks, in the `catch` of a `try` whose block checks, or after an `if` that checks
 * and returns (`if (existsSync(p)) return read(p);`); or it is in a module function
 * (`downloadModel()`) every call of which depends on the same check. */
function guardsOf(m: Module, use: ASTPath<any>, visiting: Set<any> = new Set()): TmpPathValue[] {
  const guards: TmpPathValue[] = [];
  let p = use.parent;
  for (let child = use; p && !FUNCTION_TYPES.has(p.node.type); child = p, p = p.parent) {
    const node = p.node;
    if (node.type === 'IfStatement' && child.node !== node.test) guards.push(...checksIn(m, p.get('test'), child.node === node.consequent ? 'negated' : 'plain'));
    if (node.type === 'CatchClause') guards.push(...checksIn(m, p.parent.get('block')));
    if ((node.type === 'BlockStatement' || node.type === 'Program') && Array.isArray(node.body)) {
      for (const earlier of node.body.slice(0, node.body.indexOf(child.node))) {
        if (earlier.type === 'IfStatement' && endsInExit(earlier.consequent)) {
          guards.push(...checksIn(m, p.get('body', node.body.indexOf(earlier), 'test'), 'plain'));
        }
      }
    }
  }
  if (p && !visiting.has(p.node)) guards.push(...guardsOfEveryCall(m, p, new Set([...visiting, p.node])));
  return guards;
}

/** guardsOfEveryCall's answer for a function reached first (no other function being followed
 * then): each of its file system calls asks it, and each answer walks the whole module. */
const everyCallGuards = new WeakMap<object, TmpPathValue[]>();

/** The checks that every call of the module function `fn` depends on; none when the
 * function is used other than by being called (handed to other code, exported). */
function guardsOfEveryCall(m: Module, fn: ASTPath<any>, visiting: Set<any>): TmpPathValue[] {
  const first = visiting.size === 1;
  const known = first ? everyCallGuards.get(fn.node) : undefined;
  if (known) return known;
  const guards = callGuards(m, fn, visiting);
  if (first) everyCallGuards.set(fn.node, guards);
  return guards;
}

function callGuards(m: Module, fn: ASTPath<any>, visiting: Set<any>): TmpPathValue[] {
  const name = moduleFunctionName(fn);
  if (name === null) return [];
  const uses = findPaths(m.j, programPath(m.j, m.root)!, 'Identifier', (node: any) => node.name === name).filter((path) => isReference(path) && refersToModuleBinding(path));
  const calls = uses.filter((path) => path.parent?.node.type === 'CallExpression' && path.parent.node.callee === path.node);
  if (calls.length === 0 || calls.length !== uses.length) return [];
  const [first, ...others] = calls.map((call) => guardsOf(m, call.parent, visiting));
  return first.filter((guard) => guard.kind === 'static' && others.every((guards) => guards.some((g) => g.kind === 'static' && g.path === guard.path)));
}

/** The callee as written, or `.method()` when it is a long chain (`sharp(buffer).resize(64).toFile`). */
function calleeText(j: JSCodeshift, call: ASTPath<any>): string {
  const callee = call.node.callee;
  const text = j(call.get('callee')).toSource();
  if (text.length <= 40 || callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier') return text;
  return `.${callee.property.name}()`;
}

/** The module state that a use depends on, so that it may run on a cold start and not on a
 * warm one (see `TmpPathUse.onceGuard`): the use is control-dependent, in its own function,
 * on a test that reads module state the code changes at run time (`runtimeStateIn`): it sits
 * in a branch of an `if`, `switch` or `?:` on it, on the right of `&&`, `||`, `??` after it or
 * of `??=`, `||=`, `&&=` to it, or after an `if` on it that returns or throws (`if (loaded)
 * return;`). For a use in a module function without such a test, the state around every call
 * of that function, through any depth of calls (`if (!loaded) await downloadModel();`,
 * `ready ??= ensureModel()`). A test on the event, a constant or `process.env` behaves alike
 * on every invocation and is not such state. */
function onceGuardOf(m: Module, use: ASTPath<any>, visiting: Set<any> = new Set()): string | null {
  let child = use;
  let p = use.parent;
  for (; p && !FUNCTION_TYPES.has(p.node.type); child = p, p = p.parent) {
    const node = p.node;
    let test: ASTPath<any> | null = null;
    if (node.type === 'AssignmentExpression' && LOGICAL_ASSIGNMENT.has(node.operator) && child.node === node.right) test = p.get('left');
    else if ((node.type === 'IfStatement' || node.type === 'ConditionalExpression') && child.node !== node.test) test = p.get('test');
    else if (node.type === 'LogicalExpression' && child.node === node.right) test = p.get('left');
    else if (node.type === 'SwitchStatement' && child.node !== node.discriminant) test = p.get('discriminant');
    const state = test && runtimeStateIn(m, test);
    if (state) return state;
    if (node.type === 'BlockStatement' && Array.isArray(node.body)) {
      const index = node.body.indexOf(child.node);
      for (let i = 0; i < index; i++) {
        const earlier = node.body[i];
        if (earlier.type !== 'IfStatement' || !(endsInExit(earlier.consequent) || (earlier.alternate && endsInExit(earlier.alternate)))) continue;
        const exit = runtimeStateIn(m, p.get('body', i, 'test'));
        if (exit) return exit;
      }
    }
  }
  return p && !visiting.has(p.node) ? onceGuardOfEveryCall(m, p, new Set([...visiting, p.node])) : null;
}

const LOGICAL_ASSIGNMENT = new Set(['??=', '||=', '&&=']);

/** The first module state that `test` reads which the code changes at run time, as it is
 * written (`loaded`, `state.model`), or null: a module binding (or a part of one) that a
 * function reassigns or changes (`loaded = true`, `cache.model = m`, `models.set(k, m)`,
 * `count++`), read directly, through a local `const` that holds it, or in the body of a
 * module function the test calls (`if (!isLoaded())`). A binding only the module's own top
 * level sets keeps the value it had on the cold start. */
function runtimeStateIn(m: Module, test: ASTPath<any>, seen: Set<any> = new Set()): string | null {
  const reads = test.node.type === 'Identifier' ? [test] : findPaths(m.j, test, 'Identifier');
  for (const id of reads) {
    if (!isReference(id)) continue;
    if (!refersToModuleBinding(id)) {
      // a local `const` that holds it (`const m = model; if (m) return m;`)
      const init = constInit(id);
      const held = init && !seen.has(init.node) ? runtimeStateIn(m, init, new Set([...seen, init.node])) : null;
      if (held) return held;
      continue;
    }
    if (!changedAtRunTime(m, id.node.name)) {
      // a module function the test calls that reads it (`if (!isLoaded())`)
      const fn = id.parent?.node.type === 'CallExpression' && id.parent.node.callee === id.node ? moduleFunctionNamed(m.j, m.root, id.node.name) : null;
      const read = fn && !seen.has(fn.node) ? runtimeStateIn(m, fn.get('body'), new Set([...seen, fn.node])) : null;
      if (read) return read;
      continue;
    }
    // the property read when the test names one (`state.loaded`), not a method (`cache.has`)
    let read = id;
    while (read.parent && MEMBER_TYPES.has(read.parent.node.type) && read.parent.node.object === read.node && !read.parent.node.computed) {
      const call = read.parent.parent?.node;
      if (call && CALL_TYPES.has(call.type) && call.callee === read.parent.node) break;
      read = read.parent;
    }
    return originalText(read.node) ?? m.j(read).toSource();
  }
  return null;
}

const MEMBER_TYPES = new Set(['MemberExpression', 'OptionalMemberExpression']);
const CALL_TYPES = new Set(['CallExpression', 'OptionalCallExpression']);

/** True when a function of the module reassigns the module binding `name` or changes what it
 * holds (see `referenceEffect`). */
function changedAtRunTime(m: Module, name: string): boolean {
  let known = m.runtimeState.get(name);
  if (known === undefined) {
    const program = programPath(m.j, m.root)!;
    known = findPaths(m.j, program, 'Identifier', (node: any) => node.name === name).some(
      (id) => isReference(id) && enclosingFunction(id) !== null && !inEventListener(id) && refersToModuleBinding(id) && isMutation(referenceEffect(id)),
    );
    m.runtimeState.set(name, known);
  }
  return known;
}

const LISTENER_METHODS = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener']);

/** Inside a function handed to an event listener (`process.on('SIGTERM', () => { shuttingDown
 * = true; })`, `client.on('error', ...)`): state set there follows an outside event, not the
 * code that writes the file, so a test on it (`if (shuttingDown) return;`) does not make a
 * write run once per environment; the file is written again on every other invocation. */
function inEventListener(path: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    const call = p.parent?.node;
    if (!FUNCTION_TYPES.has(p.node.type) || !call || (call.type !== 'CallExpression' && call.type !== 'OptionalCallExpression') || !call.arguments.includes(p.node)) continue;
    const callee = call.callee;
    if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && LISTENER_METHODS.has(callee.property.name)) return true;
  }
  return false;
}

/** onceGuardOfEveryCall's answer for a function reached first, as everyCallGuards keeps it. */
const everyCallOnceGuard = new WeakMap<object, string | null>();

/** The once-guard around every call of the module function `fn` (that of the first call); null
 * when one call runs unguarded (a handler also calls it directly, or the module as it loads),
 * or when the function is used other than by being called (handed to other code, exported). */
function onceGuardOfEveryCall(m: Module, fn: ASTPath<any>, visiting: Set<any>): string | null {
  const first = visiting.size === 1;
  if (first && everyCallOnceGuard.has(fn.node)) return everyCallOnceGuard.get(fn.node)!;
  const guard = onceGuardOfCalls(m, fn, visiting);
  if (first) everyCallOnceGuard.set(fn.node, guard);
  return guard;
}

function onceGuardOfCalls(m: Module, fn: ASTPath<any>, visiting: Set<any>): string | null {
  const name = moduleFunctionName(fn);
  if (name === null) return null;
  const uses = findPaths(m.j, programPath(m.j, m.root)!, 'Identifier', (node: any) => node.name === name).filter((path) => isReference(path) && refersToModuleBinding(path));
  const calls = uses.filter((path) => path.parent?.node.type === 'CallExpression' && path.parent.node.callee === path.node);
  if (calls.length !== uses.length) return null;
  // a call inside a function already being followed (recursion) runs only when that function
  // does, whose own calls are checked
  const outside = calls.filter((call) => !insideAny(call, visiting));
  const guards = outside.map((call) => onceGuardOf(m, call.parent, visiting));
  return guards.length > 0 && guards.every((guard) => guard !== null) ? guards[0] : null;
}

function insideAny(path: ASTPath<any>, nodes: Set<any>): boolean {
  for (let p = path.parent; p; p = p.parent) if (nodes.has(p.node)) return true;
  return false;
}

function useOf(m: Module, call: ASTPath<any>, argument: ASTPath<any>, access: TmpAccess, recursive: boolean, atModuleLoad: boolean): TmpPathUse | null {
  const value = classifyTmpPath(evaluateString(m.j, argument, m.paths));
  if (!value) return null;
  const loc = argument.node.loc?.start;
  return {
    expression: argument,
    line: loc?.line ?? 0,
    column: (loc?.column ?? 0) + 1,
    value,
    access,
    recursive,
    via: calleeText(m.j, call),
    atModuleLoad,
    guardedBy: access === 'check' ? [] : guardsOf(m, call),
    onceGuard: access === 'check' || atModuleLoad ? null : onceGuardOf(m, call),
  };
}

/** Every /tmp path the module (or the given functions) uses, with what the code does with it. */
export function findTmpPaths(j: JSCodeshift, root: Collection<any>, options: FindTmpPathsOptions = {}): TmpPathUse[] {
  const libraries = new Map<string, Record<string, PathArgument[]>>();
  for (const [name, methods] of Object.entries(LIBRARY_PATH_ARGUMENTS)) {
    const local = findModuleBinding(j, root, name);
    if (local) libraries.set(local, methods);
  }
  const m: Module = { j, root, fs: findFsBindings(j, root), paths: findPathBindings(j, root), helpers: new Map(), libraries, runtimeState: new Map() };
  // one walk for both searches: the module's functions and its calls, each in tree order
  const functions: ASTPath<any>[] = [];
  const moduleCalls: ASTPath<any>[] = [];
  const isFunction = (node: any) => j.Function.check(node);
  for (const p of findPaths(j, root.paths()[0], ['Function', 'CallExpression'])) (isFunction(p.node) ? functions : moduleCalls).push(p);
  summariseHelpers(m, functions.filter((fn) => enclosingFunction(fn) === null));

  // each call once, in the order found, with when it runs: as the module loads, on an
  // invocation, or both (a function called at load that a handler also calls)
  const calls: ASTPath<any>[] = [];
  const runs = new Map<any, { atLoad: boolean; perInvocation: boolean }>();
  const collect = (p: ASTPath<any>, atLoad: boolean) => {
    let entry = runs.get(p.node);
    if (!entry) {
      entry = { atLoad: false, perInvocation: false };
      runs.set(p.node, entry);
      calls.push(p);
    }
    if (atLoad) entry.atLoad = true;
    else entry.perInvocation = true;
  };
  if (options.functions) {
    for (const fn of options.functions) findPaths(j, fn, 'CallExpression').forEach((p) => collect(p, false));
    for (const p of moduleCalls) if (enclosingFunction(p) === null) collect(p, true);
  } else {
    moduleCalls.forEach((p) => collect(p, enclosingFunction(p) === null));
  }
  for (const unit of options.loadTime ?? []) findPaths(j, unit, 'CallExpression').forEach((p) => collect(p, true));

  const uses: TmpPathUse[] = [];
  for (const call of calls) {
    const { atLoad, perInvocation } = runs.get(call.node)!;
    const moments = [...(perInvocation ? [false] : []), ...(atLoad ? [true] : [])];
    const args: any[] = call.node.arguments ?? [];
    const known = pathArgumentsOf(m, call);
    if (known) {
      for (const arg of known) {
        if (!args[arg.index] || args[arg.index].type === 'SpreadElement') continue;
        for (const atModuleLoad of moments) {
          const use = useOf(m, call, call.get('arguments', arg.index), arg.access, arg.recursive, atModuleLoad);
          if (use) uses.push(use);
        }
      }
      continue;
    }
    if (isPathOrOsCall(call, m.paths) || IGNORED_CALLEES.test(j(call.get('callee')).toSource())) continue;
    args.forEach((arg, index) => {
      if (arg.type === 'SpreadElement' || FUNCTION_TYPES.has(arg.type)) return;
      for (const atModuleLoad of moments) {
        const use = useOf(m, call, call.get('arguments', index), 'unknown', false, atModuleLoad);
        if (use) uses.push(use);
      }
    });
  }
  return uses.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Module-level `const` bindings whose value is a static /tmp path: path → first such name. */
export function moduleTmpConstants(j: JSCodeshift, root: Collection<any>): Map<string, string> {
  const paths = findPathBindings(j, root);
  const out = new Map<string, string>();
  programPath(j, root)!.get('body').each((stmt: ASTPath<any>) => {
    const declaration = stmt.node.type === 'ExportNamedDeclaration' && stmt.node.declaration ? stmt.get('declaration') : stmt;
    if (declaration.node.type !== 'VariableDeclaration' || declaration.node.kind !== 'const') return;
    declaration.get('declarations').each((d: ASTPath<any>) => {
      if (d.node.id.type !== 'Identifier' || !d.node.init) return;
      const value = classifyTmpPath(evaluateString(j, d.get('init'), paths));
      if (value?.kind === 'static' && !out.has(value.path)) out.set(value.path, d.node.id.name);
    });
  });
  return out;
}
