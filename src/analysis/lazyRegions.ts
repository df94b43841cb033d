// Lazy initialisation regions: code that runs only while a cache is still empty. A binding
// that changes only there belongs to the cache, however it is written:
//   if (initialized) return;  ...  config = await fetchConfig(); initialized = true;
//   settings ??= await load();       // `loads++` inside load()
//   if (!existsSync(MODEL_PATH)) { await download(MODEL_PATH); downloads += 1; }
// Resetting `initialized`, `config`, `loads` or `downloads` at the start of each invocation
// would defeat the cache and make a warm start behave differently from a cold one, so such
// bindings are kept and reported as part of their cache.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { ModuleBinding, Reference } from './bindings';
import { findIn } from './fastFind';
import { findFsBindings, fsCallOf } from './fsBindings';
import { handlerFunctions, isEmptyValue, requestSourceOf, returnsOnly, testsEmpty, testsFilled } from './lazyGuard';
import { isMutation } from './mutation';
import { enclosingFunction } from './reach';
import { moduleFunctionName } from './scope';
import { sourceExcerpt } from './sourceExcerpt';
import { evaluateString, findPathBindings } from './staticPath';

export interface LazyRegion {
  /** The module bindings whose emptiness the guard tests; empty for a file existence check. */
  guards: string[];
  /** The guard as written, shortened: `if (initialized) return`, `settings ??= await load()`. */
  text: string;
  line: number;
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

function unparen(node: any): any {
  while (node && (node.type === 'ParenthesizedExpression' || node.type === 'TSNonNullExpression')) node = node.expression;
  return node;
}

/** Module bindings named in `node` (an `if` test), as resolved by the reference analysis. */
function namesIn(node: any, nameOf: Map<any, string>, out = new Set<string>()): Set<string> {
  if (!node || typeof node !== 'object') return out;
  const name = nameOf.get(node);
  if (name) out.add(name);
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'original' || key === 'tokens') continue;
    const value = node[key];
    if (Array.isArray(value)) value.forEach((v) => v?.type && namesIn(v, nameOf, out));
    else if (value?.type) namesIn(value, nameOf, out);
  }
  return out;
}

/** File system calls that throw when a path is missing, and do nothing else. */
const EXISTENCE_CHECKS = new Set(['access', 'accessSync', 'stat', 'statSync', 'lstat', 'lstatSync']);

/** Every region of the module, by the node that runs only inside it (a branch, the right side
 * of `??=`, each statement after an early return). */
export function findLazyRegions(j: JSCodeshift, root: Collection<any>, bindings: ModuleBinding[]): Map<any, LazyRegion[]> {
  const nameOf = new Map<any, string>();
  for (const binding of bindings) for (const ref of binding.references) nameOf.set(ref.path.node, binding.name);
  const regions = new Map<any, LazyRegion[]>();
  const add = (node: any, region: LazyRegion) => regions.set(node, [...(regions.get(node) ?? []), region]);
  const fs = findFsBindings(j, root);
  const paths = findPathBindings(j, root);
  const handlers = new Set(bindings.flatMap((binding) => [...handlerFunctions(binding).keys()]));

  /** `existsSync(p)` with `p` a static path. */
  const checksStaticPath = (call: ASTPath<any>): boolean =>
    call.node.type === 'CallExpression' &&
    fsCallOf(fs, call)?.method === 'existsSync' &&
    call.node.arguments.length > 0 &&
    evaluateString(j, call.get('arguments', 0), paths).static;

  findIn(j, root, 'IfStatement').forEach((ifPath) => {
    const { test, consequent, alternate } = ifPath.node;
    const line = ifPath.node.loc?.start.line ?? 0;
    const shownTest = sourceExcerpt(test);
    const emptied = [...namesIn(test, nameOf)].filter((name) => testsEmpty(test, name));
    if (emptied.length > 0) add(consequent, { guards: emptied, text: `if (${shownTest})`, line });
    const bare = unparen(test);
    if (bare?.type === 'UnaryExpression' && bare.operator === '!' && unparen(bare.argument)?.type === 'CallExpression') {
      let call = ifPath.get('test', 'argument');
      while (call.node.type !== 'CallExpression') call = call.get('expression');
      if (checksStaticPath(call)) add(consequent, { guards: [], text: `if (${shownTest})`, line });
    }
    // if (initialized) return;  /  if (existsSync(p)) return;  ...the statements after it
    const block = ifPath.parent?.node;
    if (alternate || !returnsOnly(consequent) || !block || !Array.isArray(block.body)) return;
    // in a handler's own body, `if (processed) return;` ends the invocation itself: what
    // follows is the handler's work, which a warm start would skip, not an initialisation.
    // `if (config) return handle(event, config);` there uses what was loaded, as a loader does.
    const inHandler = handlers.has(enclosingFunction(ifPath)?.node);
    const returned = inHandler ? namesIn(returnedValue(consequent), nameOf) : null;
    const filled = [...namesIn(test, nameOf)].filter((name) => testsFilled(test, name) && (!returned || returned.has(name)));
    const fileExists = bare?.type === 'CallExpression' && checksStaticPath(ifPath.get('test'));
    if (filled.length === 0 && !fileExists) return;
    const region: LazyRegion = { guards: filled, text: `if (${shownTest}) return`, line };
    for (const later of block.body.slice(block.body.indexOf(ifPath.node) + 1)) add(later, region);
  });

  // try { await access(p); } catch { ...download p... }: the catch runs while the file is missing
  findIn(j, root, 'TryStatement').forEach((tryPath) => {
    const { block, handler } = tryPath.node;
    if (!handler || block.body.length === 0) return;
    const checksOnly = block.body.every((statement: any, i: number) => {
      if (statement.type !== 'ExpressionStatement') return false;
      let call = tryPath.get('block', 'body', i, 'expression');
      if (call.node.type === 'AwaitExpression') call = call.get('argument');
      return call.node.type === 'CallExpression' && EXISTENCE_CHECKS.has(fsCallOf(fs, call)?.method ?? '') && call.node.arguments.length > 0 && evaluateString(j, call.get('arguments', 0), paths).static;
    });
    if (checksOnly) add(handler.body, { guards: [], text: `try { ${sourceExcerpt(block.body[0])} } catch`, line: tryPath.node.loc?.start.line ?? 0 });
  });

  // x ??= v, x ||= v, x = x ?? v
  findIn(j, root, 'AssignmentExpression').forEach((assignment) => {
    const { left, right, operator } = assignment.node;
    const name = nameOf.get(left);
    if (!name) return;
    const region = { guards: [name], text: sourceExcerpt(assignment.node), line: assignment.node.loc?.start.line ?? 0 };
    if (operator === '??=' || operator === '||=') add(right, region);
    const value = unparen(right);
    if (operator === '=' && value?.type === 'LogicalExpression' && (value.operator === '??' || value.operator === '||') && nameOf.get(unparen(value.left)) === name) add(value.right, region);
  });
  // x || (x = v), x ?? (x = v)
  findIn(j, root, 'LogicalExpression').forEach((logical) => {
    const { left, right, operator } = logical.node;
    const name = nameOf.get(unparen(left));
    const write = unparen(right);
    if (!name || (operator !== '||' && operator !== '??') || write?.type !== 'AssignmentExpression' || unparen(write.left)?.name !== name) return;
    add(right, { guards: [name], text: sourceExcerpt(logical.node), line: logical.node.loc?.start.line ?? 0 });
  });
  return regions;
}

/** What the `return` of an early-return branch (`return x;`, `{ return f(x); }`) hands back. */
function returnedValue(consequent: any): any {
  return (consequent.type === 'BlockStatement' ? consequent.body[0] : consequent)?.argument ?? null;
}

/** Which of `candidates` change only inside live lazy regions, each with the region of its
 * first change. A region is live when each binding its guard tests is itself such a binding
 * (or a lazy cache from the start: `known`), or when it checks that a static path exists. */
export function findLazilyLoaded(regions: Map<any, LazyRegion[]>, bindings: ModuleBinding[], candidates: ModuleBinding[], known: Set<string>): LazyLoading {
  const byName = new Map(bindings.map((b) => [b.name, b]));
  const lazy = new Set(known);
  const loaded = new Map<string, LazyRegion>();

  /** Every region around `path`: around it, or around a use of the module function it is in. */
  const regionsAround = (path: ASTPath<any>, out: Set<LazyRegion>, visiting: Set<string>): Set<LazyRegion> => {
    for (let p: ASTPath<any> | null = path; p; p = p.parent) {
      for (const r of regions.get(p.node) ?? []) out.add(r);
      if (!FUNCTION_TYPES.has(p.node.type)) continue;
      const name = moduleFunctionName(p);
      if (name === null) continue; // a callback or a nested function: it runs where it is written
      if (visiting.has(name)) break;
      for (const use of byName.get(name)?.references ?? []) regionsAround(use.path, out, new Set([...visiting, name]));
      break;
    }
    return out;
  };
  // a region that stores request data (`if (!loaded) { user = event.user; loaded = true; }`)
  // runs per request: what changes in it is not a cache
  const perRequest = new Set<LazyRegion>();
  const fromRequest = new Set<Reference>();
  if (regions.size > 0) {
    for (const binding of bindings) {
      const handlers = handlerFunctions(binding);
      for (const ref of binding.references) {
        if (ref.place.at === 'module' || !isMutation(ref.effect) || requestSourceOf(writtenValue(ref), handlers) === null) continue;
        fromRequest.add(ref);
        regionsAround(ref.path, perRequest, new Set());
      }
    }
  }

  /** The live region `path` runs in: around it, or around every use of the module function it is in. */
  const liveRegionAround = (path: ASTPath<any>, self: string, visiting: Set<string>): LazyRegion | null => {
    for (let p: ASTPath<any> | null = path; p; p = p.parent) {
      const live = (regions.get(p.node) ?? []).find((r) => !perRequest.has(r) && r.guards.every((g) => g === self || lazy.has(g)));
      if (live) return live;
      if (!FUNCTION_TYPES.has(p.node.type)) continue;
      const name = moduleFunctionName(p);
      if (name === null) continue; // a callback or a nested function: it runs where it is written
      const uses = byName.get(name)?.references ?? [];
      if (uses.length === 0 || visiting.has(name)) return null;
      const around = uses.map((use) => liveRegionAround(use.path, self, new Set([...visiting, name])));
      return around.every((r) => r !== null) ? around[0] : null;
    }
    return null;
  };

  const loadedRegion = (binding: ModuleBinding): LazyRegion | null => {
    const mutations = binding.references.filter((r) => r.place.at !== 'module' && isMutation(r.effect));
    let first: LazyRegion | null = null;
    for (const mutation of mutations) {
      if (isEmptying(mutation)) {
        if (runsEveryInvocation(mutation) || emptiesOwnRegion(mutation, binding.name, regions)) return null;
        continue;
      }
      const region = liveRegionAround(mutation.path, binding.name, new Set());
      if (!region) return null;
      first ??= region;
    }
    return first;
  };

  for (let changed = true; changed; ) {
    changed = false;
    for (const binding of candidates) {
      if (lazy.has(binding.name) || !['var', 'let', 'const'].includes(binding.declaredAs)) continue;
      const region = loadedRegion(binding);
      if (!region) continue;
      lazy.add(binding.name);
      loaded.set(binding.name, region);
      changed = true;
    }
  }
  // what changes in a per-request region guarded by a cache that stays: resetting it alone
  // would leave it empty on warm starts, where the guarded code no longer runs
  const keptWithCache = new Map<string, LazyRegion>();
  for (const binding of candidates) {
    if (lazy.has(binding.name)) continue;
    for (const ref of binding.references) {
      if (ref.place.at === 'module' || !isMutation(ref.effect)) continue;
      const region = [...regionsAround(ref.path, new Set(), new Set())].find((r) => perRequest.has(r) && r.guards.some((g) => g !== binding.name && lazy.has(g)));
      if (region) {
        keptWithCache.set(binding.name, region);
        break;
      }
    }
  }
  return { loaded, keptWithCache };
}

export interface LazyLoading {
  /** Bindings that change only while a cache loads, each with the region of its first change. */
  loaded: Map<string, LazyRegion>;
  /** Bindings changed in a region that also stores request data, under the guard of a cache
   * that is kept: neither a cache nor state that a reset at the top of a handler fixes. */
  keptWithCache: Map<string, LazyRegion>;
}

/** The value a mutation stores: the right side of `x = v`, the arguments of `x.push(v)`, the
 * whole of `x[k] = v`. */
function writtenValue(ref: Reference): ASTPath<any> | null {
  if (ref.effect.kind === 'assign') {
    const assignment = ref.effect.assignment;
    return assignment?.node.type === 'AssignmentExpression' ? assignment.get('right') : null;
  }
  let top = ref.path;
  while (top.parent && (top.parent.node.type === 'MemberExpression' || top.parent.node.type === 'OptionalMemberExpression') && top.parent.node.object === top.node) top = top.parent;
  return top.parent ?? null;
}

/** `x = null`, `x = undefined`, `x = false`: emptying the cache so that its guard loads it again. */
function isEmptying(ref: Reference): boolean {
  const node = ref.effect.kind === 'assign' ? ref.effect.assignment?.node : null;
  if (node?.type !== 'AssignmentExpression' || node.operator !== '=') return false;
  const value = unparen(node.right);
  return isEmptyValue(value) || ((value?.type === 'BooleanLiteral' || value?.type === 'Literal') && value.value === false);
}

/** An emptying statement at the top level of a handler body runs on every invocation: then
 * nothing is cached (`initialized = false;` first thing in the handler). */
function runsEveryInvocation(ref: Reference): boolean {
  const statement = ref.effect.kind === 'assign' ? ref.effect.assignment?.parent : null;
  if (ref.place.at !== 'function' || statement?.node.type !== 'ExpressionStatement') return false;
  return ref.place.direct.some((handler) => (handler.fn.node as any).body === statement.parent?.node);
}

/** `if (!busy) { busy = true; ...; busy = false; }`: a flag emptied again by the code it guards
 * is a lock, not a cache (an emptying in a `catch` only undoes a failed load). */
function emptiesOwnRegion(ref: Reference, name: string, regions: Map<any, LazyRegion[]>): boolean {
  for (let p: ASTPath<any> | null = ref.path; p && !FUNCTION_TYPES.has(p.node.type); p = p.parent) {
    if (p.node.type === 'CatchClause') return false;
    if ((regions.get(p.node) ?? []).some((r) => r.guards.includes(name))) return true;
  }
  return false;
}
