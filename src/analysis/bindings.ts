// The module-level bindings of a handler module, each with every reference to it (what
// the reference does, and where it runs), and `classifyModuleBinding`, which says what
// kind of thing each binding is: import, function, class, constant, client, lazy cache,
// connection flag, cache timestamp, or mutable state.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findPaths } from './fastFind';
import { isReference, programPath } from './scope';
import { refersToModuleBinding, resolveScope } from './lexicalScope';
import { isMutation, referenceEffect, type ReferenceEffect } from './mutation';
import { exportedNonHandlerUnits, handlerReach, loadTimeCode, placeOf, reachFrom, type HandlerReach, type Place } from './reach';
import { packageCreating, valueCreating } from './packageValues';
import { handlerFunctions, isInvalidation, lazyGuardOf, requestSourceOf, type LazyGuard } from './lazyGuard';
import { isClientBookkeeping, isEnvironmentCounter } from './environmentState';
import { keyedCacheOf, type KeyedCache } from './keyedCache';
import { findLazilyLoaded, findLazyRegions, type LazyRegion } from './lazyRegions';
import { sourceExcerpt } from './sourceExcerpt';
import { isStatefulRegex } from './statefulRegex';
import type { HandlerInfo } from './types';
import { fetchesData } from '../config/clientFamilies';

export const IGNORE_COMMENT = /lambda-clean-slate-ignore\b/;

export interface Reference {
  path: ASTPath<any>;
  effect: ReferenceEffect;
  place: Place;
}

export interface ModuleBinding {
  name: string;
  declaredAs: 'var' | 'let' | 'const' | 'import' | 'function' | 'class' | 'other';
  /** The VariableDeclarator, for variables. */
  declarator: ASTPath<any> | null;
  /** The statement in the program body (an `export` around the declaration included). */
  statement: ASTPath<any>;
  /** Declared inside a destructuring pattern (`let { a } = x`). */
  destructured: boolean;
  exported: boolean;
  ignored: boolean;
  references: Reference[];
  /** Uses in TypeScript types (`typeof state`): they never run, but a name moved into a
   * handler is no longer there for a type outside it. */
  typeReferences: ASTPath<any>[];
}

export type Classification =
  /** `environment`: deliberately per environment (an invocation counter beside the environment
   * id, bookkeeping keyed by client objects); see ./environmentState.ts */
  /** `stateful-regex`: a `g`/`y` regular expression whose `lastIndex` moves (./statefulRegex.ts) */
  | { kind: 'import' | 'function' | 'class' | 'constant' | 'connection-flag' | 'cache-timestamp' | 'environment' | 'stateful-regex' }
  | { kind: 'client'; source: string }
  /** holds clients by key (`pools[tenant] = new Pool()`, `clients.set(region, new S3Client())`):
   * `store` is the first such change */
  | { kind: 'client-holder'; source: string; store: Reference }
  /** `filled`: what the cache holds is also changed per request (`cache[key] = v`);
   * `loadedUnder`: the binding is not a cache itself but changes only while one loads
   * (a flag, a counter of loads; see ./lazyRegions.ts), under that guard */
  | { kind: 'lazy-cache'; guards: LazyGuard[]; client: string | null; filled: boolean; loadedUnder?: LazyRegion }
  /** a cache by key (`if (cache.has(id)) return cache.get(id)`, `cache.set(id, v)`): filled
   * entry by entry and read back in place of computing; `hit` is where (see ./keyedCache.ts) */
  | { kind: 'keyed-cache'; hit: KeyedCache }
  /** never changed through its own name, but handed on where changes cannot be followed;
   * `reason` completes a sentence that starts with the name (`seen` is given another name ...) */
  | { kind: 'escapes'; reason: string }
  /** `fromRequest`: written once under a lazy guard (`text`, on `line`), with a value computed
   * from the request (`source`, a handler parameter): per-request data, not a cache */
  | { kind: 'state'; mutations: Reference[]; fromRequest?: { text: string; line: number; source: string }; keptWithCache?: LazyRegion };

/** `// lambda-clean-slate-ignore` before the declaration on a line of its own (the line above,
 * as a rule), or at the end of the declaration's own last line. A comment written after other
 * code on its line belongs to that code, not to the declaration on the next line. Both the
 * comments recast attached and the parser's own lists are read: recast hands a block comment
 * that ends a line to the statement after it. */
function hasIgnoreComment(node: any): boolean {
  if (!node?.loc) return false;
  const { start, end } = node.loc;
  const comments = new Set<any>([...(node.comments ?? node.leadingComments ?? []), ...(node.trailingComments ?? [])]);
  for (const c of comments) {
    if (!IGNORE_COMMENT.test(c.value) || !c.loc) continue;
    const at = c.loc.start;
    if (at.line < start.line || (at.line === start.line && at.column < start.column)) {
      if (!codeBeforeOnLine(c)) return true;
    } else if (at.line === end.line && at.column >= end.column) {
      return true;
    }
  }
  return false;
}

/** True when code precedes the comment on the line it starts on (`x = 1; // ...`). */
function codeBeforeOnLine(comment: any): boolean {
  const lines = comment.loc.lines;
  if (!lines) return false;
  return lines.slice({ line: comment.loc.start.line, column: 0 }, comment.loc.start).toString().trim() !== '';
}

function patternNames(pattern: any, out: string[] = []): string[] {
  if (!pattern) return out;
  if (pattern.type === 'Identifier') out.push(pattern.name);
  else if (pattern.type === 'ObjectPattern') pattern.properties.forEach((p: any) => patternNames(p.type === 'RestElement' ? p.argument : p.value, out));
  else if (pattern.type === 'ArrayPattern') pattern.elements.forEach((e: any) => patternNames(e, out));
  else if (pattern.type === 'RestElement') patternNames(pattern.argument, out);
  else if (pattern.type === 'AssignmentPattern') patternNames(pattern.left, out);
  return out;
}

/** `module.exports = ...`, `exports.x = ...`, `module.exports.x = ...` */
function isCommonJsExportTarget(node: any): boolean {
  let current = node;
  while (current?.type === 'MemberExpression') {
    if (current.object.type === 'Identifier' && current.object.name === 'module' && !current.computed && current.property.name === 'exports') return true;
    current = current.object;
  }
  return current?.type === 'Identifier' && current.name === 'exports';
}

function inCommonJsExport(path: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path; p?.parent; p = p.parent) {
    const parent = p.parent.node;
    if (parent.type === 'AssignmentExpression' && parent.right === p.node && isCommonJsExportTarget(parent.left)) return true;
  }
  return false;
}

/** Every module-level binding, with its references placed relative to the handlers. */
/** `otherHandlers`: handlers the transforms leave as they are (another handler calls them);
 * their code is a handler's, not other code that changes the state. */
export function collectModuleBindings(j: JSCodeshift, root: Collection<any>, handlers: HandlerInfo[], otherHandlers: HandlerInfo[] = []): ModuleBinding[] {
  const program = programPath(j, root)!;
  const reaches: HandlerReach[] = handlers.map((handler) => handlerReach(j, handler));
  const loadTime = loadTimeCode(j, root, handlers);
  const exportedOthers = exportedNonHandlerUnits(j, root, [...handlers, ...otherHandlers]);
  const leftHandlers = otherHandlers.length > 0 ? reachFrom(j, otherHandlers.map((h) => h.fn)) : [];
  const bindings = new Map<string, ModuleBinding>();
  const exportedNames = new Set<string>();

  const add = (name: string, declaredAs: ModuleBinding['declaredAs'], statement: ASTPath<any>, declarator: ASTPath<any> | null, destructured = false) => {
    const ignored = hasIgnoreComment(statement.node) || hasIgnoreComment(declarator?.node);
    bindings.set(name, { name, declaredAs, declarator, statement, destructured, exported: false, ignored, references: [], typeReferences: [] });
  };

  program.get('body').each((statement: ASTPath<any>) => {
    let node = statement.node;
    let declaration: ASTPath<any> = statement;
    if (node.type === 'ExportNamedDeclaration' || node.type === 'ExportDefaultDeclaration') {
      if (node.type === 'ExportNamedDeclaration' && !node.declaration) {
        if (!node.source) for (const s of node.specifiers ?? []) if (s.local) exportedNames.add(s.local.name);
        return;
      }
      if (node.type === 'ExportDefaultDeclaration' && node.declaration.type === 'Identifier') {
        exportedNames.add(node.declaration.name);
        return;
      }
      declaration = statement.get('declaration');
      node = declaration.node;
      patternNamesOfDeclaration(node).forEach((name) => exportedNames.add(name));
    }
    if (node.type === 'ImportDeclaration') {
      for (const s of node.specifiers ?? []) add(s.local.name, 'import', statement, null);
    } else if (node.type === 'TSImportEqualsDeclaration') {
      add(node.id.name, 'import', statement, null);
    } else if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) {
      add(node.id.name, node.type === 'FunctionDeclaration' ? 'function' : 'class', statement, null);
    } else if (node.type === 'VariableDeclaration') {
      declaration.get('declarations').each((declarator: ASTPath<any>) => {
        const id = declarator.node.id;
        const names = patternNames(id);
        for (const name of names) add(name, node.kind === 'var' || node.kind === 'let' || node.kind === 'const' ? node.kind : 'other', statement, declarator, id.type !== 'Identifier');
      });
    }
  });

  // only identifiers named like a module binding can be one of its references
  const named = (node: any) => bindings.has(node.name);
  root.paths().flatMap((top) => findPaths(j, top, 'Identifier', named)).forEach((path) => {
    const binding = bindings.get(path.node.name);
    if (!binding || !isReference(path) || !refersToModuleBinding(path)) return;
    if (inTypeQuery(path)) {
      binding.typeReferences.push(path);
      return;
    }
    const place = placeOf(path, reaches, loadTime, exportedOthers, leftHandlers);
    if (place.at === 'module' && inCommonJsExport(path)) binding.exported = true;
    binding.references.push({ path, effect: referenceEffect(path), place });
  });
  for (const name of exportedNames) {
    const binding = bindings.get(name);
    if (binding) binding.exported = true;
  }
  return [...bindings.values()];
}

/** `typeof state` in a TypeScript type: a use that never runs. */
function inTypeQuery(path: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (p.node.type === 'TSTypeQuery') return true;
    if (p.node.type !== 'TSQualifiedName' && p.node.type !== 'MemberExpression') return false;
  }
  return false;
}

function patternNamesOfDeclaration(node: any): string[] {
  if (node.type === 'VariableDeclaration') return node.declarations.flatMap((d: any) => patternNames(d.id));
  if ((node.type === 'FunctionDeclaration' || node.type === 'ClassDeclaration') && node.id) return [node.id.name];
  return [];
}

function isRequire(node: any): boolean {
  let current = node;
  while (current && (current.type === 'MemberExpression' || current.type === 'AwaitExpression')) current = current.type === 'AwaitExpression' ? current.argument : current.object;
  return current?.type === 'CallExpression' && current.callee.type === 'Identifier' && current.callee.name === 'require';
}

const isBooleanWrite = (ref: Reference) =>
  ref.effect.kind === 'assign' && ref.effect.operator === '=' && ['BooleanLiteral', 'Literal'].includes(ref.effect.assignment?.node.right.type) && typeof ref.effect.assignment?.node.right.value === 'boolean';

/** Methods whose call means a client has just connected or disconnected. */
const CONNECTION_METHODS = new Set(['connect', '$connect', 'end', 'close', 'quit', 'disconnect', 'destroy']);
const CONNECTION_EVENTS = new Set(['connect', 'ready', 'end', 'close', 'error', 'disconnect', 'disconnected', 'reconnecting']);

function callsConnectionMethod(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  if ((node.type === 'CallExpression' || node.type === 'OptionalCallExpression') && node.callee.type === 'MemberExpression' && CONNECTION_METHODS.has(node.callee.property?.name)) return true;
  return Object.keys(node).some((key) => key !== 'loc' && key !== 'comments' && key !== 'original' && (Array.isArray(node[key]) ? node[key].some(callsConnectionMethod) : node[key]?.type && callsConnectionMethod(node[key])));
}

/** A boolean write placed right after a `connect()`-like call, or inside a connection event listener. */
function isConnectionStateWrite(ref: Reference): boolean {
  const assignment = ref.effect.kind === 'assign' ? ref.effect.assignment : null;
  const statement = assignment?.parent;
  if (!statement) return false;
  const block = statement.parent?.node;
  if (statement.node.type === 'ExpressionStatement' && block && Array.isArray(block.body)) {
    const index = block.body.indexOf(statement.node);
    if (block.body.slice(0, index).some(callsConnectionMethod)) return true;
  }
  for (let p: ASTPath<any> | null = statement; p?.parent; p = p.parent) {
    const call = p.parent.node;
    if (call.type === 'CallExpression' && call.arguments.includes(p.node) && call.callee.type === 'MemberExpression') {
      const method = call.callee.property?.name;
      const event = call.arguments[0]?.value;
      if ((method === 'on' || method === 'once') && CONNECTION_EVENTS.has(event)) return true;
      if (method === 'then' && callsConnectionMethod(call.callee.object)) return true;
    }
  }
  return false;
}

/** `x = Date.now()` inside an `if` whose test reads `x`: the timestamp of a cache with an expiry. */
function isTimestampWrite(ref: Reference, name: string): boolean {
  const assignment = ref.effect.kind === 'assign' ? ref.effect.assignment : null;
  const right = assignment?.node.right;
  if (!(right?.type === 'CallExpression' && right.callee.type === 'MemberExpression' && right.callee.object.name === 'Date' && right.callee.property.name === 'now')) return false;
  for (let p: ASTPath<any> | null = assignment; p?.parent; p = p.parent) {
    if (p.parent.node.type === 'IfStatement' && p.parent.node.consequent === p.node) {
      let mentions = false;
      const visit = (n: any) => {
        if (!n || typeof n !== 'object' || mentions) return;
        if (n.type === 'Identifier' && n.name === name) mentions = true;
        else for (const key of Object.keys(n)) if (key !== 'loc' && key !== 'comments') (Array.isArray(n[key]) ? n[key] : [n[key]]).forEach((c: any) => c?.type && visit(c));
      };
      visit(p.parent.node.test);
      if (mentions) return true;
    }
  }
  return false;
}

const MUTABLE_CONTAINERS = new Set(['ArrayExpression', 'ObjectExpression', 'NewExpression']);

/** The declaration or assignment that gives a value another name (`const { tags } = state`). */
function aliasingCode(path: ASTPath<any>): any | null {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    const node = p.node;
    if (node.type === 'VariableDeclarator') return p.parent?.node.declarations.length === 1 ? p.parent.node : node;
    if (node.type === 'AssignmentExpression') return node;
    if (/Statement$|Function|^Program$/.test(node.type)) return null;
  }
  return null;
}

/** Where a value that is never changed through its own name goes, and what is not known about it. */
function escapeReason(ref: Reference): string {
  const line = ref.path.node.loc?.start.line;
  if (ref.effect.kind === 'passed') return `is passed to \`${ref.effect.callee}\` (line ${line}), which may change it`;
  if (ref.effect.kind === 'returned') return `is returned by a helper (line ${line}), and whether its callers change it could not be followed`;
  const code = aliasingCode(ref.path);
  const shown = code ? `\`${sourceExcerpt(code, 50).replace(/;$/, '')}\`, line ${line}` : `line ${line}`;
  const target = code?.type === 'VariableDeclaration' ? code.declarations[0].id : code?.type === 'VariableDeclarator' ? code.id : code?.left;
  if (target?.type === 'ObjectPattern' || target?.type === 'ArrayPattern') {
    return `is taken apart by destructuring (${shown}), and whether what it holds is changed through the new names could not be followed`;
  }
  return `is given another name (${shown}), and whether it is changed through that name could not be followed`;
}

/** What kind of thing a module-level binding is (see the spec's table). */
export function classifyModuleBinding(j: JSCodeshift, binding: ModuleBinding): Classification {
  if (binding.declaredAs === 'import' || binding.declaredAs === 'function' || binding.declaredAs === 'class') return { kind: binding.declaredAs };
  const init = binding.declarator?.node.init;
  if (isRequire(init)) return { kind: 'import' };
  const initPath = init ? binding.declarator!.get('init') : null;
  // a function in a `let` that code run by a handler replaces (`fmt = (x) => x.toUpperCase()`)
  // is state like any other value
  const replaced = binding.references.some((r) => r.effect.kind === 'assign' && r.place.at === 'function' && r.place.reachedBy.length > 0);
  if (init && ['ArrowFunctionExpression', 'FunctionExpression'].includes(init.type) && !replaced) return { kind: 'function' };
  if (init?.type === 'ClassExpression') return { kind: 'class' };
  const created = initPath ? packageCreating(initPath) : null;
  if (created) return { kind: 'client', source: created };
  if (isStatefulRegex(binding)) return { kind: 'stateful-regex' };

  const inFunctions = binding.references.filter((r) => r.place.at !== 'module');
  const mutations = inFunctions.filter((r) => isMutation(r.effect));
  if (mutations.length === 0) {
    const unknown =
      inFunctions.find((r) => r.effect.kind === 'alias' || r.effect.kind === 'passed' || (r.effect.kind === 'returned' && r.place.at === 'function' && r.place.direct.length === 0)) ??
      // `const other = seen` as the module loads: the handler may change it under that name
      binding.references.find((r) => r.place.at === 'module' && r.effect.kind === 'alias');
    if (unknown && init && MUTABLE_CONTAINERS.has(init.type)) return { kind: 'escapes', reason: escapeReason(unknown) };
    return { kind: 'constant' };
  }

  const writes = mutations.filter((r) => r.effect.kind === 'assign');
  const startsEmpty = !init || (init.type === 'Identifier' && init.name === 'undefined') || init.type === 'NullLiteral' || (init.type === 'Literal' && init.value === null);
  if (startsEmpty && writes.length > 0) {
    const guards: LazyGuard[] = [];
    let lazy = true;
    for (const write of writes) {
      const assignment = write.effect.kind === 'assign' ? write.effect.assignment : null;
      const guard = assignment ? lazyGuardOf(assignment, binding.name) : null;
      if (guard) guards.push(guard);
      else if (!assignment || !isInvalidation(assignment)) lazy = false;
    }
    // `session ??= { user: event.user }`: the first request's data, kept for every later one
    const handlers = handlerFunctions(binding);
    const perRequest = lazy ? guards.map((g) => ({ guard: g, source: requestSourceOf(g.write.get('right'), handlers) })).find((g) => g.source !== null) : undefined;
    if (perRequest) {
      const write = perRequest.guard.write.node;
      return { kind: 'state', mutations, fromRequest: { text: sourceExcerpt(write), line: write.loc?.start.line ?? 0, source: perRequest.source! } };
    }
    if (lazy && guards.length > 0) {
      const client = guards.map((g) => madeByPackage(g.write.get('right')) ?? clientMadeBeside(g.write)).find((s) => s !== null) ?? null;
      return { kind: 'lazy-cache', guards, client, filled: mutations.length > writes.length };
    }
  }
  for (const store of mutations) {
    const source = clientStoredBy(j, store);
    if (source) return { kind: 'client-holder', source, store };
  }
  if (writes.length === mutations.length && writes.every(isBooleanWrite) && writes.some(isConnectionStateWrite)) return { kind: 'connection-flag' };
  if (writes.length === mutations.length && writes.every((w) => isTimestampWrite(w, binding.name))) return { kind: 'cache-timestamp' };
  if (isEnvironmentCounter(binding) || isClientBookkeeping(binding)) return { kind: 'environment' };
  const hit = keyedCacheOf(j, init, binding.references, binding.name, handlerFunctions(binding));
  if (hit) return { kind: 'keyed-cache', hit };
  return { kind: 'state', mutations };
}

/** The package that makes the value at `path` (see packageCreating), unless its function
 * only fetches data (`await getSecret('api-key')`): a lazy copy of that is a cache. */
function madeByPackage(path: ASTPath<any>): string | null {
  const source = packageCreating(path);
  if (source === null || !fetchesData(source)) return source;
  let node = path.node;
  while (node && (node.type === 'AwaitExpression' || node.type === 'ParenthesizedExpression' || node.type === 'TSAsExpression')) node = node.argument ?? node.expression;
  return node?.type === 'CallExpression' ? null : source;
}

/** A client created in the same block as the lazy write, which the cached value stands for
 * (`const client = createClient(); promise = client.connect().then(() => client);`). */
function clientMadeBeside(write: ASTPath<any>): string | null {
  let statement = write;
  while (statement.parent && statement.parent.node.type !== 'BlockStatement') {
    if (FUNCTION_NODE_TYPES.has(statement.parent.node.type)) return null;
    statement = statement.parent;
  }
  const block = statement.parent;
  if (!block) return null;
  const body: any[] = block.node.body;
  for (let i = 0; i < body.length; i++) {
    if (body[i].type !== 'VariableDeclaration') continue;
    const declarations = block.get('body', i, 'declarations');
    for (let k = 0; k < body[i].declarations.length; k++) {
      const declarator = declarations.get(k);
      if (!declarator.node.init) continue;
      const source = packageCreating(declarator.get('init'));
      if (source) return source;
    }
  }
  return null;
}

const FUNCTION_NODE_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

/** The package whose client a change of the binding stores in it, by key or property
 * (`pools[t] = new Pool()`, `pools[t] ??= new Pool()`, `clients.set(region, new S3Client())`),
 * or null. */
function clientStoredBy(j: JSCodeshift, ref: Reference): string | null {
  if (ref.effect.kind === 'member-write') {
    for (let child = ref.path, p = ref.path.parent; p; child = p, p = p.parent) {
      const node = p.node;
      if (node.type === 'AssignmentExpression') return node.left === child.node ? storedClientSource(j, p.get('right')) : null;
      if ((node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') || node.object !== child.node) return null;
    }
  }
  if (ref.effect.kind === 'mutating-call' && ref.effect.method === 'set') {
    const member = ref.path.parent;
    const call = member?.parent;
    if (member?.node.object === ref.path.node && call?.node.type === 'CallExpression' && call.node.callee === member.node && call.node.arguments.length >= 2) {
      return storedClientSource(j, call.get('arguments', 1));
    }
  }
  return null;
}

/** The client package the stored value comes from: created right there, or held by a local
 * name that was given it (`let client = ...; if (!client) client = new S3Client(); map.set(k, client)`). */
function storedClientSource(j: JSCodeshift, value: ASTPath<any>): string | null {
  const direct = valueCreating(value);
  if (direct || value.node.type !== 'Identifier') return direct;
  const name = value.node.name;
  const scope = resolveScope(value);
  if (!scope || scope.isGlobal) return null;
  for (const assignment of findPaths(j, scope.path, 'AssignmentExpression', (a: any) => a.left.type === 'Identifier' && a.left.name === name)) {
    if (resolveScope(assignment.get('left')) !== scope) continue;
    const source = packageCreating(assignment.get('right'));
    if (source) return source;
  }
  return null;
}

/** Every binding's classification. A binding that would be mutable state but changes only
 * while a lazy cache loads (or a file is downloaded once) is part of that cache. */
export function classifyModuleBindings(j: JSCodeshift, root: Collection<any>, bindings: ModuleBinding[]): Map<ModuleBinding, Classification> {
  const classes = new Map(bindings.map((binding) => [binding, classifyModuleBinding(j, binding)] as const));
  const candidates = bindings.filter((binding) => classes.get(binding)!.kind === 'state');
  if (candidates.length === 0) return classes;
  const caches = new Set(bindings.filter((binding) => ['lazy-cache', 'connection-flag'].includes(classes.get(binding)!.kind)).map((binding) => binding.name));
  const { loaded, keptWithCache } = findLazilyLoaded(findLazyRegions(j, root, bindings), bindings, candidates, caches);
  for (const binding of candidates) {
    const region = loaded.get(binding.name);
    if (region) classes.set(binding, { kind: 'lazy-cache', guards: [], client: null, filled: false, loadedUnder: region });
    const kept = keptWithCache.get(binding.name);
    if (kept) classes.set(binding, { ...(classes.get(binding) as Extract<Classification, { kind: 'state' }>), keptWithCache: kept });
  }
  return classes;
}
