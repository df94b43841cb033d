// `globals`: per-invocation state. Module-level state that a handler changes (a list that
// grows, a Set of seen ids, a counter, a user's session) survives into the next invocation
// of a warm environment. This transform:
//   - moves the declaration to the top of the handler when only the handler uses it
//     (`var` becomes `let`; initializer, type annotation and comments move with it);
//   - resets it as the first statement of every handler that reaches it when helpers or
//     several handlers share it (`hits = new Map();`, a `const` becomes `let`);
//   - does either only when the initial value can be evaluated again without side effects.
// It never changes imports, functions, classes, constants, clients, lazy caches (unless
// `--cache-ttl` asks for an expiry), caches by key (`if (cache.has(id)) return cache.get(id)`),
// connection flags, exported bindings, bindings read at
// module level, or anything marked `// lambda-clean-slate-ignore`; what it keeps that looks
// stateful is reported with the reason.
//
//   let requests = [];                      exports.handler = async (event) => {
//   exports.handler = async (event) => {      let requests = [];
//     requests.push(event.id);          =>     requests.push(event.id);
//     return requests.length;                  return requests.length;
//   };                                       };
import { builtinModules } from 'node:module';
import type { ASTPath } from 'jscodeshift';
import { collectModuleBindings, classifyModuleBindings, type Classification, type ModuleBinding, type Reference } from '../src/analysis/bindings';
import { addExpiry, canAddExpiry, guardHasExpiry } from '../src/analysis/cacheExpiry';
import { splitDeclaration, type DeclaratorFate } from '../src/analysis/declarations';
import { findIn, findPaths } from '../src/analysis/fastFind';
import { isMutation, referenceEffect } from '../src/analysis/mutation';
import { isPackageSource } from '../src/analysis/packageValues';
import { enclosingFunction, reachFrom } from '../src/analysis/reach';
import { freeName } from '../src/analysis/imports';
import { fileHeaderOf, keepFileHeader, prependToHandler } from '../src/analysis/insert';
import { resolveScope, shadowedAtTopOf } from '../src/analysis/lexicalScope';
import { reevaluation } from '../src/analysis/reevaluable';
import { isReference, moduleFunctionName, programPath, propertyName } from '../src/analysis/scope';
import { asJscodeshiftTransform } from '../src/analysis/standalone';
import type { HandlerInfo, Transform, TransformContext } from '../src/analysis/types';
import { asDeclared, emptyValueFor, hasResetAtTop, mentions, narrowableTypeText, resetStatement, takesUndefined } from '../src/analysis/resetStatement';
import { parserFor } from '../src/analysis/parser';
import { parseStatements } from '../src/analysis/snippet';
import type { LazyRegion } from '../src/analysis/lazyRegions';
import { handlerInstanceState, hiddenStateOf } from '../src/analysis/hiddenState';
import { readBackByKey } from '../src/analysis/keyedCache';
import { namespaceStateItems } from '../src/analysis/namespaceState';
import { declaredDependency, isBare, isLayerPath, isRuntimePackage, nodeFindsPackage } from '../src/analysis/moduleResolution';
import { exportCalledAt, exportIsFunction, resolveLocalModule, stateChangedThroughImport } from '../src/analysis/importedModuleState';
import { lineOf, originalText, sourceExcerpt } from '../src/analysis/sourceExcerpt';
import { hasLastIndexResetAtTop, lastIndexReset, statefulUses } from '../src/analysis/statefulRegex';
import { findContainerIdCode } from '../src/analysis/containerIdCode';
import { loadTimeReading } from '../src/analysis/loadTimeValues';

type Finding = Parameters<TransformContext['report']['change']>[0];

interface Plan {
  /** Declarator node → its fate, for every declarator that changes. */
  fates: Map<any, DeclaratorFate>;
  moveTo: Map<any, HandlerInfo>;
  /** Declarator node → the text of a new initial value (`'idle' as Status`), set as it moves. */
  inits: Map<any, string>;
  /** Declarator node → its text with a definite assignment assertion (`user!: User`), for a
   * declaration without a value that moves into a handler: there TypeScript checks that it
   * is assigned before each read (TS2454), which it did not at module level. */
  definite: Map<any, string>;
  /** Statements of module-level functions that never run (see deadFunctions). */
  dead: Set<any>;
  resets: Map<HandlerInfo, any[]>;
  changes: Finding[];
}

/** Reports a binding kept as it is; `informational`: the tool decided and says so for the
 * record, nothing is asked of the reader (see Finding.informational). */
type Review = (kind: string, message: string, informational?: boolean) => void;

function where(binding: ModuleBinding): { line: number; column: number } {
  const node = binding.declarator?.node ?? binding.statement.node;
  return { line: node.loc?.start.line ?? 0, column: (node.loc?.start.column ?? 0) + 1 };
}

/** An expression parsed with the file's parser (`'idle' as Status`). */
function parseExpression(j: TransformContext['j'], text: string): any {
  const [statement] = parseStatements(j, `x = ${text};`);
  return statement.expression.right;
}

/** Names the initializer reads, which must still mean the module's bindings inside the handler. */
function namesReadBy(ctx: TransformContext, init: ASTPath<any> | null): string[] {
  if (!init?.value) return [];
  const names: string[] = [];
  findIn(ctx.j, init, 'Identifier').forEach((p) => {
    if (isReference(p)) names.push(p.node.name);
  });
  if (init.node.type === 'Identifier') names.push(init.node.name);
  return names;
}

/** A use inside a function that code run at load creates and installs rather than runs
 * (`descriptor.value = async function (...) { ... }` in a method decorator, `obj.fn = () => ...`
 * in a wrapper): what installs it, for a message (`a function that decorator \`Timed\`
 * installs as the module loads`); null when the use is not in such a function. */
function installedAtLoad(ctx: TransformContext, path: ASTPath<any>): string | null {
  const fn = enclosingFunction(path);
  if (!fn || (fn.node.type !== 'FunctionExpression' && fn.node.type !== 'ArrowFunctionExpression')) return null;
  const parent = fn.parent?.node;
  if (parent?.type !== 'AssignmentExpression' || parent.right !== fn.node) return null;
  let outermost = enclosingFunction(fn);
  if (!outermost) return null;
  for (let p = enclosingFunction(outermost); p; p = enclosingFunction(p)) outermost = p;
  const creator = moduleFunctionName(outermost);
  if (creator && decoratorNames(ctx).has(creator)) return `a function that decorator \`${creator}\` installs as the module loads`;
  return creator ? `a function that \`${creator}\` creates as the module loads` : 'a function created as the module loads';
}

/** Names used as decorators (`@Timed('stats')`, `@logged`), per file. */
const decoratorNamesOf = new WeakMap<object, Set<string>>();
function decoratorNames(ctx: TransformContext): Set<string> {
  const program = programPath(ctx.j, ctx.root)!.node;
  let names = decoratorNamesOf.get(program);
  if (!names) {
    names = new Set<string>();
    for (const decorator of ctx.root.paths().flatMap((top) => findPaths(ctx.j, top, 'Decorator'))) {
      const expression = decorator.node.expression;
      const callee = expression.type === 'CallExpression' ? expression.callee : expression;
      if (callee.type === 'Identifier') names.add(callee.name);
    }
    decoratorNamesOf.set(program, names);
  }
  return names;
}

function planState(ctx: TransformContext, binding: ModuleBinding, c: Extract<Classification, { kind: 'state' }>, plan: Plan, review: Review): void {
  const name = binding.name;
  // why a binding written once looked like a cache and is not: said with every outcome
  const once = c.fromRequest ? ` (\`${c.fromRequest.text}\`, line ${c.fromRequest.line}, stores what \`${c.fromRequest.source}\` brings, so a warm start kept the first request's value)` : '';
  const reachedMutations = binding.references.filter((r) => r.place.at === 'function' && r.place.reachedBy.length > 0 && isMutation(r.effect));
  // changed only while loading, or only by code no handler runs: no handler leaks it; code
  // that no handler reaches and that does not run at load may still run on each invocation
  if (reachedMutations.length === 0) {
    const unreached = binding.references.find(
      (r) =>
        r.place.at === 'function' && isMutation(r.effect) && r.place.reachedBy.length === 0 && (!r.place.atLoad || r.place.handedOver) && !r.place.byOthers && !r.place.byLeftHandler && !plan.dead.has(topStatementOf(r.path)),
    );
    if (unreached && !binding.ignored) {
      review(
        'changed-elsewhere',
        `\`${name}\` is changed by code no handler reaches (line ${lineOf(unreached.path)}), such as a middleware or a callback handed to other code; if that code runs on every invocation, what it keeps there leaks between invocations: kept, review it`,
      );
    }
    return;
  }
  if (binding.ignored) return review('ignored', `\`${name}\` holds state across invocations${once} but is marked lambda-clean-slate-ignore; kept as it is`, true);
  if (c.keptWithCache) {
    const region = c.keptWithCache;
    return review(
      'per-request-in-cache',
      `\`${name}\` changes inside the lazy initialisation guarded by \`${region.text}\` (line ${region.line}), which also stores data from the request and runs only when the cache loads, not on every invocation: later invocations get what the request that loaded it left there. It leaks between invocations; resetting it alone would leave it empty on warm starts, so it is kept: move the per-request part out of the initialisation`,
    );
  }
  if (binding.exported) return review('exported', `\`${name}\` holds state across invocations${once} but is exported; other modules may rely on it, so it is kept (reset it by hand if that is safe)`);
  // a callback handed over as the module loads (`app.use(...)`, a middy `before`) is not
  // known to run then: a change there is said below, as code no handler reaches
  // (a read there still counts: the callback may run at once, `forEach` or a Promise executor,
  // and keep what it read)
  const loadUses = binding.references.filter((r) => r.place.at === 'module' || (r.place.atLoad && !(r.place.handedOver && isMutation(r.effect))));
  // a use in a function the load-time code installs (a decorator's wrapper) runs on calls,
  // not at load: said as such, unless another use does run at load
  const atLoad = loadUses.find((r) => !installedAtLoad(ctx, r.path)) ?? loadUses[0];
  const installed = atLoad && installedAtLoad(ctx, atLoad.path);
  if (installed) {
    return review(
      'module-read',
      `\`${name}\` holds state across invocations${once} and is also ${isMutation(atLoad.effect) ? 'changed' : 'read'} by ${installed} (line ${lineOf(atLoad.path)}), which runs when it is called (on the handler's calls, and on any other code's), not while the module loads; kept, because that function runs outside the handler's body, where a reset or a declaration moved into the handler does not reach: review it`,
    );
  }
  if (atLoad) {
    return review('module-read', `\`${name}\` holds state across invocations${once} but is also used while the module loads (line ${lineOf(atLoad.path)}); kept, because moving or resetting it would change what the module sets up`);
  }
  const elsewhere = changedElsewhere(binding, plan.dead);
  if (elsewhere) {
    const who = elsewhere.place.at === 'function' && elsewhere.place.byOthers ? 'a function the module exports, which other modules may call (also while they load)' : 'code no handler reaches, which may run during an invocation (a middleware, a callback handed to other code)';
    return review(
      'changed-elsewhere',
      `\`${name}\` holds state across invocations${once}, but is also changed by ${who} (line ${lineOf(elsewhere.path)}); a reset or a moved declaration at the top of the handler could wipe what that code did, so it is kept: migrate it by hand`,
    );
  }
  // changed inside a function a handler reaches only through what a call made at load
  // returned (`const loadTenant = memoize((id) => { lookups.push(id); ... })`): the wrapper
  // decides when it runs (a memo, once per key, its cache never reset), so on a warm start
  // it may not run again, and a reset would leave the state emptier than a cold start has it
  const wrapped = reachedMutations.find((r) => r.place.at === 'function' && r.place.wrappedBy !== null);
  if (wrapped && wrapped.place.at === 'function') {
    return review(
      'changed-in-wrapped',
      `\`${name}\` holds state across invocations${once}, but is changed inside a function wrapped by \`${wrapped.place.wrappedBy}\` (line ${lineOf(wrapped.path)}), which may run it only on some invocations (${skipsHow(wrapped.place.wrappedBy!)}); a reset or a moved declaration at the top of the handler would make a warm start differ from a cold one, so it is kept: review it`,
    );
  }
  const inParameters = parameterUse(binding.references);
  if (inParameters) return review('needs-review', `\`${name}\` holds state across invocations${once}, but ${inParameters}; a reset or a moved declaration at the top of the handler would come too late, so it is kept: migrate it by hand`);
  if (binding.destructured || binding.declaredAs === 'other' || !binding.declarator) {
    return review('needs-review', `\`${name}\` holds state across invocations${once} but is declared by destructuring; split the declaration to migrate it`);
  }
  const init = binding.declarator.node.init ? binding.declarator.get('init') : null;
  const again = reevaluation(init);
  if (!again.ok) return review('not-reevaluable', `\`${name}\` holds state across invocations${once}, but ${again.reason}; needs review`);

  const inFunctions = binding.references.filter((r) => r.place.at === 'function');
  const users = [...new Set(inFunctions.flatMap((r) => (r.place.at === 'function' ? r.place.reachedBy : [])))];
  const readByInit = namesReadBy(ctx, init);
  const shadowedIn = users.find((h) => shadowedAtTopOf(h.fn, name) || readByInit.some((n) => shadowedAtTopOf(h.fn, n)));
  if (shadowedIn) return review('needs-review', `\`${name}\` holds state across invocations${once}, but handler \`${shadowedIn.name}\` declares a name it needs; migrate it by hand`);

  // every handler already starts by giving it a fresh value (`count = 0;`): nothing leaks
  if (users.every((h) => hasResetAtTop(h, name))) return;
  const only = users.length === 1 ? users[0] : null;
  const onlyInHandlerBody =
    only !== null &&
    inFunctions.every((r) => r.place.at === 'function' && r.place.reachedBy.length === 1 && r.place.direct.includes(only)) &&
    inFunctions.every((r) => isInsideNode(r.path, (only.fn.node as any).body)) &&
    // a type outside the handler (`type Cart = typeof cart`) still needs the module-level name
    binding.typeReferences.every((p) => isInsideNode(p, (only.fn.node as any).body));
  const typescript = parserFor(ctx.filePath) !== 'babel';
  if (onlyInHandlerBody) {
    // in the handler, TypeScript would narrow the declared type to the initial value's
    const declaredType = typescript && init ? narrowableTypeText(binding.declarator.node) : null;
    const text = declaredType ? originalText(init!.node) : null;
    if (declaredType && text !== null) plan.inits.set(binding.declarator.node, asDeclared(init!.node, text, declaredType));
    const definite = typescript && !init ? definiteDeclarator(binding.declarator.node) : null;
    if (definite) plan.definite.set(binding.declarator.node, definite);
    plan.fates.set(binding.declarator.node, 'move');
    plan.moveTo.set(binding.declarator.node, only);
    plan.changes.push({ kind: 'move', ...where(binding), message: `\`${name}\` moved into handler \`${only.name}\`: it held state from one invocation to the next${once}` });
    reviewReadBack(binding, init?.node, review);
    return;
  }
  let added = false;
  for (const handler of users) {
    if (hasResetAtTop(handler, name)) continue;
    const list = plan.resets.get(handler) ?? [];
    const declarator = binding.declarator.node;
    list.push(resetStatement(ctx.j, name, init?.node ?? null, ctx.style, typescript ? narrowableTypeText(declarator) : null, typescript ? emptyValueFor(declarator) : 'undefined'));
    plan.resets.set(handler, list);
    added = true;
  }
  if (!added) return;
  if (binding.declaredAs === 'const') plan.fates.set(binding.declarator.node, 'let');
  const handlerNames = users.map((h) => `\`${h.name}\``).join(', ');
  const why = users.length > 1 ? 'several handlers use it' : 'helper functions use it too';
  plan.changes.push({ kind: 'reset', ...where(binding), message: `\`${name}\` is reset at the start of ${handlerNames}: it held state from one invocation to the next${once}; it stays at module level because ${why}` });
  reviewReadBack(binding, init?.node, review);
}

/** Migrated state that hands back what it stored under a key, as a cache does, but not in a
 * form recognised as a cache by key (../src/analysis/keyedCache.ts): migrated, and said, so
 * that a cache kept on purpose is not dropped without a word. */
function reviewReadBack(binding: ModuleBinding, init: any, review: Review): void {
  const hit = readBackByKey(init, binding.references);
  if (!hit) return;
  review(
    'maybe-cache',
    `\`${binding.name}\` hands back what it stored under a key (\`${hit.text}\`, line ${hit.line}), as a cache does; it is migrated like other state, so it no longer outlives an invocation: if it is a cache kept on purpose (later requests then get what earlier ones stored, another user's included), put \`// lambda-clean-slate-ignore\` on its declaration to keep it`,
  );
}

/** How a wrapper that may skip calls skips them, by its name as written (`memoize(...)`). */
function skipsHow(wrapper: string): string {
  if (/throttle|debounce/i.test(wrapper)) return 'a throttle or a debounce runs it at most once in a while';
  if (/once/i.test(wrapper)) return 'once runs it a single time per environment';
  return 'a memo, for one, runs it once per key';
}

/** `name!: Type` for a declarator without a value whose declared type does not take
 * `undefined` and that has no `!` yet (`let user: User;`), else null. */
function definiteDeclarator(declarator: any): string | null {
  const id = declarator.id;
  const annotation = id?.typeAnnotation?.typeAnnotation;
  if (id?.type !== 'Identifier' || declarator.definite || !annotation || takesUndefined(annotation)) return null;
  const type = originalText(annotation);
  return type === null ? null : `${id.name}!: ${type}`;
}

/** The module an import binding comes from when it is one of the project's own (a relative
 * or absolute path: `import { pending } from './state.mjs'`, `const state = require('../state')`;
 * a tsconfig `paths` alias or a workspace package that names a module of the project:
 * `import { metrics } from '@shared/metrics'`), else null: a package's exports are its own
 * business. A package name is looked up (node_modules, tsconfig) only when a handler changes
 * or calls what it imports. */
function localModuleOf(ctx: TransformContext, binding: ModuleBinding): string | null {
  const source = importSourceOf(binding);
  if (source === null || !isPackageSource(source)) return source;
  return usedByHandler(binding) && resolveLocalModule(ctx.modulePath, source, ctx.options.layers) !== null ? source : null;
}

/** A handler changes what `binding` imports, or calls a function of it (see localModuleOf). */
function usedByHandler(binding: ModuleBinding): boolean {
  return binding.references.some(
    (r) => r.place.at === 'function' && r.place.reachedBy.length > 0 && (r.effect.kind === 'member-write' || r.effect.kind === 'mutating-call' || exportCalledAt(binding, r.path) !== null),
  );
}

/** Why the module `binding` comes from, a Lambda layer's, was not looked into: an `/opt/...`
 * path no layer folder of the project holds, or (for a function with layers) a package name
 * that Node does not find near the file nor in a layer folder and no package.json lists;
 * null when it was, or when no handler changes it or calls into it. */
function unfollowedLayerModule(ctx: TransformContext, binding: ModuleBinding): string | null {
  const source = importSourceOf(binding);
  // (what a handler does with it first: the file-system lookups below only for what it changes or calls)
  if (source === null || binding.ignored || !usedByHandler(binding)) return null;
  const layers = ctx.options.layers;
  const fromLayer = isLayerPath(source);
  if (!fromLayer && !(layers && isBare(source) && !isRuntimePackage(source) && !nodeFindsPackage(ctx.modulePath, source))) return null;
  if (resolveLocalModule(ctx.modulePath, source, layers) !== null) return null;
  // a package a package.json lists (near the file, or a layer's): an npm dependency not installed here
  if (!fromLayer && declaredDependency(ctx.modulePath, source, layers)) return null;
  const unmapped = layers?.other.length ? ` (${layers.other.map((l) => `\`${l}\``).join(', ')})` : '';
  const where = fromLayer
    ? layers
      ? layers.roots.length > 0
        ? `a Lambda layer's path that no layer folder of this project the function uses holds${unmapped}`
        : `a Lambda layer's path, and the function's layers are not folders of this project${unmapped}`
      : "a Lambda layer's path, and no template.yaml or serverless.yml of this project maps a layer folder for this file"
    : `which Node does not find near this file nor in a layer folder of this project: in Lambda it would come from a layer's /opt/nodejs/node_modules${unmapped}, or it is not installed`;
  return `\`${binding.name}\` comes from '${source}', ${where}: the state that module keeps was not checked, and what a handler changes there survives into the next invocation; review that module (a layer's folder named by its ContentUri, or its path in serverless.yml, is followed)`;
}

/** The specifier an import binding's module is named by (`import ... from '<source>'`,
 * `require('<source>')`), or null. */
function importSourceOf(binding: ModuleBinding): string | null {
  const node = binding.statement.node;
  let source: unknown = null;
  if (node.type === 'ImportDeclaration') source = node.source.value;
  else if (binding.declarator) {
    let init = binding.declarator.node.init;
    while (init && (init.type === 'MemberExpression' || init.type === 'AwaitExpression')) init = init.type === 'AwaitExpression' ? init.argument : init.object;
    if (init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require') source = init.arguments[0]?.value;
  }
  return typeof source === 'string' ? source : null;
}

/** What a handler module's calls into one of the project's own modules change there, over
 * every binding the module is imported under (`const { reset, add } = require('./list')`):
 * reported once per module, at the first binding with such a call, after the loop over the
 * bindings (see ../src/analysis/importedModuleState.ts). */
interface ImportedCalls {
  file: string;
  /** Each binding changed there, with the first call (and the import binding it is made
   * through) that changes it. */
  changed: Map<string, { text: string; call: ASTPath<any>; binding: ModuleBinding }>;
  cleared: Set<string>;
}

/** `ref` calls a function the project module `source` exports (`list.add(x)` with `add` a
 * function there), read from that module. */
function callsModuleFunction(ctx: TransformContext, binding: ModuleBinding, ref: Reference, source: string): boolean {
  const name = exportCalledAt(binding, ref.path);
  return name !== null && exportIsFunction(ctx.modulePath, source, name, ctx.options.layers);
}

/** Adds the calls the handlers make through `binding` (imported from `source`) to `calls`. */
function collectImportedCalls(ctx: TransformContext, binding: ModuleBinding, source: string, calls: Map<string, ImportedCalls>): void {
  const asked = new Set<string>();
  for (const ref of binding.references) {
    if (ref.place.at !== 'function' || ref.place.reachedBy.length === 0) continue;
    const name = exportCalledAt(binding, ref.path);
    if (name === null || asked.has(name)) continue;
    asked.add(name);
    const found = stateChangedThroughImport(ctx.modulePath, source, name, ctx.options.layers);
    if (!found) continue;
    let entry = calls.get(found.file);
    if (!entry) {
      entry = { file: found.file, changed: new Map(), cleared: new Set() };
      calls.set(found.file, entry);
    }
    const call = ref.path.parent?.node.callee === ref.path.node ? ref.path.parent : ref.path.parent.parent;
    // an emptying call counts only when every invocation makes it (`reset()` in the handler's
    // own body, with no `return` or `throw` before it), not `if (n > 100) reset()`
    const always = runsOnEveryInvocation(ctx, call);
    for (const s of found.state) {
      if (s.clears) {
        if (always) entry.cleared.add(s.name);
      } else if (!entry.changed.has(s.name)) {
        entry.changed.set(s.name, { text: `\`${s.name}\`, line ${s.line}`, call, binding });
      }
    }
  }
}

/** `call` is a statement of a handler's own body (`reset();`, `await reset();`) with no
 * statement before it that may return or throw: it runs on every invocation. */
function runsOnEveryInvocation(ctx: TransformContext, call: ASTPath<any>): boolean {
  let statement = call;
  if (statement.parent?.node.type === 'AwaitExpression') statement = statement.parent;
  statement = statement.parent;
  if (statement?.node.type !== 'ExpressionStatement') return false;
  const block = statement.parent;
  if (block?.node.type !== 'BlockStatement' || !ctx.handlers.some((h) => h.fn.node.body === block.node)) return false;
  const index = block.node.body.indexOf(statement.node);
  return block.node.body.slice(0, index).every((earlier: any) => !mayExit(earlier));
}

/** The statement holds a `return` or `throw` of its own (not one of a function inside it). */
function mayExit(node: any): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(mayExit);
  if (node.type === 'ReturnStatement' || node.type === 'ThrowStatement') return true;
  if (/Function|Method|Class/.test(node.type ?? '')) return false;
  return Object.keys(node).some((key) => key !== 'loc' && key !== 'comments' && key !== 'original' && node[key] !== null && typeof node[key] === 'object' && mayExit(node[key]));
}

/** State that the calls change in each module, less what a function the handlers call there
 * on every invocation empties (`reset()` before `add(x)`, or after it): reported. */
function reviewImportedCalls(calls: Map<string, ImportedCalls>, reviewOf: (binding: ModuleBinding) => Review): void {
  for (const entry of calls.values()) {
    const state = [...entry.changed].filter(([name]) => !entry.cleared.has(name)).map(([, change]) => change);
    if (state.length === 0) continue;
    const { binding, call } = state[0];
    reviewOf(binding)(
      'imported-state',
      `\`${binding.name}\` comes from '${importSourceOf(binding)}', whose code a handler runs (\`${sourceExcerpt(call.node)}\`, line ${lineOf(call)}) and which changes state kept at module level there (${state.map((s) => s.text).join('; ')} of ${entry.file}): it survives into the next invocation; this tool changes handler modules only, so review that module: move the state into the function, or reset it per invocation`,
    );
  }
}

/** `ref` assigns the binding the very expression it was declared with (`pool = createPool()`
 * after `var pool = createPool()`), as written (spacing aside), under a test on the binding
 * itself (`if (pool.ending)`, `if (lostConnections.has(client))`): a client made again only
 * when the one there can no longer be used. Made again on every invocation, it is replaced. */
function recreatedAsDeclared(binding: ModuleBinding, ref: Reference): boolean {
  const init = binding.declarator?.node.init;
  const assignment = ref.path.parent?.node;
  if (!init || assignment?.type !== 'AssignmentExpression' || assignment.operator !== '=' || assignment.left !== ref.path.node) return false;
  const text = (node: any) => originalText(node)?.replace(/\s+/g, '');
  const declared = text(init);
  if (!declared || declared !== text(assignment.right)) return false;
  for (let p = ref.path.parent?.parent; p && !/Function|Method/.test(p.node.type); p = p.parent) {
    if ((p.node.type === 'IfStatement' || p.node.type === 'ConditionalExpression') && mentions(p.node.test, binding.name)) return true;
  }
  return false;
}

const GLOBAL_OBJECTS = new Set(['globalThis', 'global']);

/** The first argument of `Object.assign(...)`, which it changes. */
function isObjectAssignTarget(path: ASTPath<any>): boolean {
  const call = path.parent?.node;
  const callee = call?.type === 'CallExpression' ? call.callee : null;
  return call?.arguments?.[0] === path.node && isMember(callee) && callee.object.type === 'Identifier' && callee.object.name === 'Object' && propertyName(callee) === 'assign';
}

function isMember(node: any): boolean {
  return node?.type === 'MemberExpression' || node?.type === 'OptionalMemberExpression';
}

/** `globalThis.cache ??= new Map()`, `global.seen.push(x)`, `process.env.X = v`: the first
 * change of each property of the global object (or of the process environment) in the code
 * the handlers reach (the global object, not a local of that name). */
function globalObjectWrites(ctx: TransformContext): { property: string; path: ASTPath<any> }[] {
  const { j } = ctx;
  const found = new Map<string, ASTPath<any>>();
  const seen = new Set<any>();
  for (const unit of reachFrom(j, ctx.handlers.map((h) => h.fn))) {
    for (const p of findPaths(j, unit, 'Identifier', (node: any) => GLOBAL_OBJECTS.has(node.name) || node.name === 'process')) {
      if (seen.has(p.node)) continue;
      seen.add(p.node);
      // `process.env.TENANT = event.tenant`: the environment of the process outlives the invocation too
      const env = p.node.name === 'process';
      const object = env ? p.parent : p;
      const parent = env ? object?.parent?.node : p.parent?.node;
      if (env && !(isMember(object?.node) && object.node.object === p.node && propertyName(object.node) === 'env')) continue;
      // `Object.assign(process.env, { TENANT: event.tenant })`
      if (env && isObjectAssignTarget(object) && isReference(p) && resolveScope(p) === null) {
        if (!found.has('process.env')) found.set('process.env', p);
        continue;
      }
      if (!isMember(parent) || parent.object !== object.node) continue;
      // `globalThis.name`, `globalThis['name']`
      const name = propertyName(parent);
      if (name === null) continue;
      if (!isReference(p) || resolveScope(p) !== null) continue;
      const effect = referenceEffect(p);
      if (effect.kind !== 'member-write' && effect.kind !== 'mutating-call') continue;
      const property = `${env ? 'process.env' : p.node.name}.${name}`;
      if (!found.has(property)) found.set(property, p);
    }
  }
  return [...found].map(([property, path]) => ({ property, path })).sort((a, b) => (a.path.node.start ?? 0) - (b.path.node.start ?? 0));
}

/** A change of the binding made by code the handlers do not account for: a function the
 * module exports besides its handlers (or code it reaches), or a function that neither a
 * handler nor the module's loading reaches, such as a middleware's `before` handed to
 * `middy(...).use()`. Either may run in the same invocation before the handler, or as the
 * module loads, so what it changed is part of a cold start. */
function changedElsewhere(binding: ModuleBinding, dead: Set<any>): ModuleBinding['references'][number] | undefined {
  return binding.references.find(
    (r) =>
      r.place.at === 'function' &&
      isMutation(r.effect) &&
      !dead.has(topStatementOf(r.path)) &&
      // an exported helper that only empties it (`seen.clear()`, a test's reset) agrees with a reset
      (r.place.byOthers ? !emptiesIt(binding, r) : r.place.reachedBy.length === 0 && (!r.place.atLoad || r.place.handedOver) && !r.place.byLeftHandler),
  );
}

/** The statement of the program body a path lies in. */
function topStatementOf(path: ASTPath<any>): any {
  let p = path;
  while (p.parent && p.parent.node.type !== 'Program') p = p.parent;
  return p.node;
}

/** Module-level functions nothing refers to and the module does not export: they never run. */
function deadFunctions(bindings: ModuleBinding[]): Set<any> {
  const dead = new Set<any>();
  for (const b of bindings) {
    const isFunction = b.declaredAs === 'function' || (b.declarator && ['ArrowFunctionExpression', 'FunctionExpression'].includes(b.declarator.node.init?.type));
    if (isFunction && !b.exported && b.references.length === 0) dead.add(b.statement.node);
  }
  return dead;
}

/** `x.clear()`, `x.length = 0`, or `x = <its initial value, as written>`: the change puts the
 * initial (empty) value back, as a reset at the top of a handler does. */
function emptiesIt(binding: ModuleBinding, ref: ModuleBinding['references'][number]): boolean {
  const { effect, path } = ref;
  const parent = path.parent?.node;
  if (effect.kind === 'mutating-call') return effect.method === 'clear' && parent?.type === 'MemberExpression' && path.parent.parent?.node.arguments?.length === 0;
  if (effect.kind === 'member-write') {
    const assignment = path.parent?.parent?.node;
    return parent?.type === 'MemberExpression' && !parent.computed && parent.property.name === 'length' && assignment?.type === 'AssignmentExpression' && assignment.left === parent && assignment.right.type.endsWith('Literal') && assignment.right.value === 0;
  }
  if (effect.kind === 'assign' && effect.operator === '=' && effect.assignment) {
    const init = binding.declarator?.node.init;
    const text = init ? originalText(init) : null;
    return text !== null && originalText(effect.assignment.node.right) === text;
  }
  return false;
}


/** Where a handler's parameter list uses the binding (a default value, at any depth of
 * destructuring), as the end of a sentence; null when none does. Parameters are evaluated
 * before the first statement of the body, so code added there cannot reach them. */
function parameterUse(references: ModuleBinding['references']): string | null {
  for (const ref of references) {
    if (ref.place.at !== 'function') continue;
    for (const handler of ref.place.direct) {
      const params: any[] = (handler.fn.node as any).params ?? [];
      // the default value's `name = value` (a shorthand property's default has no position of its own)
      let shown: ASTPath<any> | null = null;
      for (let p: ASTPath<any> | null = ref.path; p && p.node !== handler.fn.node; p = p.parent) {
        if (p.node.type === 'AssignmentPattern' && shown === null) shown = p;
        if (params.includes(p.node)) {
          while (shown && !shown.node.loc && shown !== p) shown = shown.parent;
          return `handler \`${handler.name}\` reads it in its parameter list (\`${sourceExcerpt((shown ?? p).node)}\`, line ${lineOf(ref.path)}), which is evaluated before the handler's body runs`;
        }
      }
    }
  }
  return null;
}

function isInsideNode(path: ASTPath<any>, node: any): boolean {
  for (let p: ASTPath<any> | null = path; p; p = p.parent) if (p.node === node) return true;
  return false;
}

function planLazyCache(ctx: TransformContext, binding: ModuleBinding, c: Extract<Classification, { kind: 'lazy-cache' }>, expiries: (() => void)[], review: Review): void {
  const name = binding.name;
  if (c.client && builtinModules.includes(c.client.replace(/^node:/, ''))) {
    return review('lazy-cache', `\`${name}\` holds what '${c.client}' made lazily (a stream or a handle), kept across invocations; what later invocations write through it piles up`);
  }
  if (c.client) return review('client', `\`${name}\` is a client created lazily by '${c.client}'; kept for reuse across invocations`, true);
  if (binding.ignored) return review('ignored', `\`${name}\` is a lazy cache marked lambda-clean-slate-ignore; kept as it is`, true);
  if (c.loadedUnder) return review('lazy-cache', loadedUnderMessage(name, c.loadedUnder));
  if (c.filled) return review('lazy-cache', `\`${name}\` is created lazily and then filled per request; kept as a deliberate cache, but if it holds per-request data it leaks between invocations`);
  const ttl = ctx.options.cacheTtl;
  if (c.guards.some(guardHasExpiry)) return review('lazy-cache', `\`${name}\` is a lazy cache with an expiry; kept`, true);
  if (!ttl || !(ttl > 0)) return review('lazy-cache', `\`${name}\` is a lazy cache, kept across invocations on purpose; --cache-ttl SECONDS gives it an expiry`, true);
  if (!c.guards.every(canAddExpiry) || binding.exported || binding.destructured || binding.statement.node.type !== 'VariableDeclaration') {
    return review('lazy-cache', `\`${name}\` is a lazy cache filled inside an expression or after an early return; kept, add the expiry by hand`);
  }
  const stampName = freeName(ctx.j, ctx.root, `${name}LoadedAt`);
  const statement = binding.statement.node;
  expiries.push(() => {
    for (const guard of c.guards) if (guard.form !== 'expression' && guard.form !== 'early-return') addExpiry(ctx.j, guard, name, stampName, Math.round(ttl * 1000));
    const body: any[] = programPath(ctx.j, ctx.root)!.node.body;
    const stamp = ctx.j.variableDeclaration('let', [ctx.j.variableDeclarator(ctx.j.identifier(stampName), ctx.j.numericLiteral(0))]);
    body.splice(body.indexOf(statement) + 1, 0, stamp);
  });
  ctx.report.change({ kind: 'cache-ttl', ...where(binding), message: `lazy cache \`${name}\` now reloads when older than ${ttl} s (\`${stampName}\` records when it was loaded)` });
}

/** A cache by key (`if (cache.has(id)) return cache.get(id)`, see ../src/analysis/keyedCache.ts):
 * kept, as a lazy cache is, and said, since what one request stored is served to the next.
 * `--cache-ttl` does not apply: it times one value, and each entry would need its own time. */
function planKeyedCache(ctx: TransformContext, binding: ModuleBinding, c: Extract<Classification, { kind: 'keyed-cache' }>, review: Review): void {
  const name = binding.name;
  if (binding.ignored) return review('ignored', `\`${name}\` is a keyed cache marked lambda-clean-slate-ignore; kept as it is`, true);
  const hit = `\`${c.hit.text}\`, line ${c.hit.line}`;
  const ttl = ctx.options.cacheTtl;
  const expiry = !c.hit.expires && ttl && ttl > 0 ? '; --cache-ttl does not apply to a keyed cache (each entry would need its own load time): expire its entries by hand' : '';
  review(
    'keyed-cache',
    `\`${name}\` is a keyed cache (${hit}), kept across invocations on purpose: entries that earlier requests stored are served to later ones${c.hit.expires ? ' until they expire' : ''}; review it if they must not be (user-specific data, for one)${expiry}`,
  );
}

/** A global or sticky regular expression used with `.test()`/`.exec()` by a handler gets
 * `NAME.lastIndex = 0;` at the start of that handler (see ../src/analysis/statefulRegex.ts). */
function planRegex(ctx: TransformContext, binding: ModuleBinding, plan: Plan, review: Review): void {
  const name = binding.name;
  const uses = statefulUses(binding);
  const users = [...new Set(uses.flatMap((r) => (r.place.at === 'function' ? r.place.reachedBy : [])))];
  if (users.length === 0) return;
  const init = binding.declarator!.node.init;
  const why = `\`${name}\` (\`${sourceExcerpt(init)}\`) remembers in \`lastIndex\` where its last match ended, and the next match starts there`;
  if (binding.ignored) return review('ignored', `${why}, across invocations; marked lambda-clean-slate-ignore, kept as it is`, true);
  if (binding.exported) return review('exported', `${why}, across invocations; it is exported, so it is kept: set \`${name}.lastIndex = 0\` where a match should start afresh`);
  const atLoad = uses.find((r) => r.place.at === 'module' || r.place.atLoad);
  if (atLoad) return review('module-read', `${why}, across invocations; it is also used while the module loads (line ${lineOf(atLoad.path)}), so a cold start does not begin at 0; kept, review it`);
  const inParameters = parameterUse(uses);
  if (inParameters) return review('needs-review', `${why}, across invocations; ${inParameters}, so setting \`lastIndex\` back at the top of the handler would come too late; kept, review it`);
  const shadowedIn = users.find((h) => shadowedAtTopOf(h.fn, name));
  if (shadowedIn) return review('needs-review', `${why}, across invocations; handler \`${shadowedIn.name}\` declares the name \`${name}\`; set \`lastIndex\` back by hand`);
  const resetIn = users.filter((h) => !hasLastIndexResetAtTop(h, name));
  if (resetIn.length === 0) return;
  for (const handler of resetIn) plan.resets.set(handler, [...(plan.resets.get(handler) ?? []), lastIndexReset(ctx.j, name, ctx.style)]);
  const handlerNames = resetIn.map((h) => `\`${h.name}\``).join(', ');
  plan.changes.push({ kind: 'reset', ...where(binding), message: `\`${name}.lastIndex\` is set back to 0 at the start of ${handlerNames}: ${why}, so a warm invocation began where the previous one stopped` });
}

/** A value read from the clock or a random source as the module loads, which a handler
 * reads: the same on every invocation of an environment, fresh on each cold start. Said,
 * never changed: an environment's start time or id is often what is meant. */
function reviewLoadTimeValue(ctx: TransformContext, binding: ModuleBinding, review: Review, whole = false): boolean {
  const init = binding.declarator?.node.init;
  const reading = loadTimeReading(ctx.j, ctx.root, init);
  // `whole`: only when the value is the reading itself (`await` aside), not a part of it
  if (!reading || (whole && reading.node !== (init?.type === 'AwaitExpression' ? init.argument : init))) return false;
  // the environment id container-id adds is meant to be one per environment
  if (findContainerIdCode(ctx.j, ctx.root)?.idName === binding.name) return true;
  const what = reading.source === 'clock' ? 'the time' : 'a random value';
  review(
    'load-time-value',
    `\`${binding.name}\` holds ${what} taken once, as the module loads (\`${sourceExcerpt(reading.node)}\`): every invocation of a warm environment gets the value of the environment's first start, while a cold start gets a fresh one; kept, since an environment's start time or id is often what is meant: if it should be per invocation, compute it in the handler (or mark it lambda-clean-slate-ignore)`,
  );
  return true;
}

/** Why a flag or counter that changes only while a cache loads is kept. */
function loadedUnderMessage(name: string, region: LazyRegion): string {
  const guard = `\`${region.text}\` (line ${region.line})`;
  if (region.guards.length === 0) {
    return `\`${name}\` changes only under ${guard}, while the file is not there yet: part of a download cache kept across invocations; kept, since resetting it would make a warm start differ from a cold one`;
  }
  if (region.guards.includes(name)) {
    return `\`${name}\` records that the lazy initialisation guarded by ${guard} has run; kept across invocations on purpose, since resetting it would redo the initialisation on every invocation`;
  }
  return `\`${name}\` changes only inside the lazy initialisation guarded by ${guard}, which runs only when the cache loads, not on every invocation; kept with it, since resetting it would make a warm start differ from a cold one`;
}

function step(ctx: TransformContext): void {
  const { j, root } = ctx;
  const bindings = collectModuleBindings(j, root, ctx.handlers, ctx.leftAlone);
  const classes = classifyModuleBindings(j, root, bindings);
  const plan: Plan = { fates: new Map(), moveTo: new Map(), inits: new Map(), definite: new Map(), dead: deadFunctions(bindings), resets: new Map(), changes: [] };
  const expiries: (() => void)[] = [];

  // a namespace's exported variables a handler changes: reported, kept
  for (const item of namespaceStateItems(j, root, ctx.handlers)) ctx.report.review({ kind: 'namespace-state', ...item });

  // decide everything first: the analysis reads paths that the edits below invalidate
  const importedCalls = new Map<string, ImportedCalls>();
  const layerModulesSaid = new Set<string>();
  for (const binding of bindings) {
    const review: Review = (kind, message, informational) => ctx.report.review({ kind, ...where(binding), message, ...(informational ? { informational: true as const } : {}) });
    const c = classes.get(binding)!;
    const reached = binding.references.some((r) => r.place.at === 'function' && r.place.reachedBy.length > 0);
    switch (c.kind) {
      case 'state':
        planState(ctx, binding, c, plan, review);
        break;
      case 'lazy-cache':
        planLazyCache(ctx, binding, c, expiries, review);
        break;
      case 'keyed-cache':
        if (reached) planKeyedCache(ctx, binding, c, review);
        break;
      case 'connection-flag':
        review('connection-flag', `\`${binding.name}\` tracks whether a client is connected; kept (the clients transform owns it)`, true);
        break;
      case 'escapes': {
        const hidden = hiddenStateOf(j, binding);
        if (hidden) review('hidden-state', `\`${binding.name}\` ${hidden}`);
        else if (reached) review('needs-review', `\`${binding.name}\` ${c.reason}; any such change would carry over to the next invocation; kept, review it`);
        break;
      }
      case 'import': {
        const source = localModuleOf(ctx, binding);
        // (`audit.add(x)` where `add` is a function of that module is a call, not a change of
        // an imported Set: collectImportedCalls looks into what it changes)
        const change = source
          ? binding.references.find((r) => r.place.at === 'function' && r.place.reachedBy.length > 0 && (r.effect.kind === 'member-write' || (r.effect.kind === 'mutating-call' && !callsModuleFunction(ctx, binding, r, source))))
          : undefined;
        if (source && change && !binding.ignored) {
          review(
            'imported-state',
            `\`${binding.name}\` comes from '${source}' and a handler changes it (\`${sourceExcerpt(change.path.parent?.parent?.node ?? change.path.node)}\`, line ${lineOf(change.path)}): what it holds lives in that module and survives into the next invocation; kept, reset it at the top of the handler if it is per-request`,
          );
        } else if (source && !binding.ignored && !isLayerPath(source)) {
          collectImportedCalls(ctx, binding, source, importedCalls);
        } else {
          // a layer's module that was not found: said once per module, never silently skipped
          const unfollowed = unfollowedLayerModule(ctx, binding);
          if (unfollowed && !layerModulesSaid.has(importSourceOf(binding)!)) {
            layerModulesSaid.add(importSourceOf(binding)!);
            review('layer-module', unfollowed);
          } else if (source && !binding.ignored && !unfollowed) {
            collectImportedCalls(ctx, binding, source, importedCalls);
          }
        }
        break;
      }
      case 'class':
      case 'constant': {
        const hidden = hiddenStateOf(j, binding);
        if (hidden) review('hidden-state', `\`${binding.name}\` ${hidden}`);
        else if (c.kind === 'constant' && reached && !binding.ignored) reviewLoadTimeValue(ctx, binding, review);
        break;
      }
      case 'stateful-regex':
        planRegex(ctx, binding, plan, review);
        break;
      case 'client-holder':
        if (reached) {
          review(
            'client',
            `\`${binding.name}\` holds clients created by '${c.source}' (\`${sourceExcerpt(c.store.path.parent.parent?.node ?? c.store.path.node)}\`, line ${lineOf(c.store.path)}); kept for reuse across invocations: emptying it on every invocation would open new connections without closing the old ones`,
          );
        }
        break;
      case 'client':
        // `const traceId = randomUUID()` passes for a client made by 'node:crypto' (a real
        // client built with a random name in its options is the clients transform's)
        if (reached && !binding.ignored && reviewLoadTimeValue(ctx, binding, review, true)) break;
        // created again as it was first (`pool = createPool()` after `var pool = createPool()`,
        // the clients transform's own validity check on a second run): nothing to say
        if (binding.references.some((r) => r.effect.kind === 'assign' && r.place.at === 'function' && !recreatedAsDeclared(binding, r))) {
          review('client', `\`${binding.name}\` is a client created by '${c.source}' and replaced at run time; kept for reuse across invocations`);
        }
        break;
    }
  }
  reviewImportedCalls(importedCalls, (binding) => (kind, message) => ctx.report.review({ kind, ...where(binding), message }));

  // a handler that is a member of a class: the one instance (or the class) serves every invocation
  const said = new Set<string>();
  for (const handler of ctx.handlers) {
    const hidden = handlerInstanceState(j, handler);
    if (!hidden || said.has(hidden)) continue;
    said.add(hidden);
    ctx.report.review({ kind: 'hidden-state', line: handler.line, column: handler.column, message: hidden });
  }

  // properties of the global object a handler sets: they outlive the module's own state
  for (const { property, path } of globalObjectWrites(ctx)) {
    ctx.report.review({
      kind: 'global-state',
      line: lineOf(path),
      column: (path.node.loc?.start.column ?? 0) + 1,
      message: property.startsWith('process.env')
        ? `\`${property}\` is set by code a handler runs (\`${sourceExcerpt(path.parent.parent?.parent?.node ?? path.node)}\`): the process's environment variables survive into the next invocation, as module state does; kept, review it (pass the value along instead)`
        : `\`${property}\` is set by code a handler runs (\`${sourceExcerpt(path.parent.parent?.node ?? path.node)}\`): properties of the global object survive into the next invocation, as module state does; kept, review it`,
    });
  }

  // module level: split declarations, collect the moved ones
  const movedByHandler = new Map<HandlerInfo, any[]>();
  const program = programPath(j, root)!.node;
  const declarations = new Set<any>();
  for (const binding of bindings) if (binding.declarator && plan.fates.has(binding.declarator.node)) declarations.add(binding.statement.node);
  for (const [declarator, text] of plan.inits) declarator.init = parseExpression(j, text);
  for (const declaration of declarations) {
    if (declaration.declarations.every((d: any) => plan.fates.get(d) === 'move')) keepFileHeader(j, root, declaration);
    const { remaining, moved } = splitDeclaration(j, declaration, (d) => plan.fates.get(d) ?? 'keep', fileHeaderOf(j, root, declaration));
    program.body.splice(program.body.indexOf(declaration), 1, ...remaining);
    for (const [declarator, statement] of moved) {
      const definite = plan.definite.get(declarator);
      // parsed from text, so that recast prints the `!` it has no printer for
      if (definite) statement.declarations[0] = parseStatements(j, `let ${definite};`)[0].declarations[0];
      const handler = plan.moveTo.get(declarator)!;
      movedByHandler.set(handler, [...(movedByHandler.get(handler) ?? []), statement]);
    }
  }
  for (const expire of expiries) expire();
  for (const handler of ctx.handlers) {
    prependToHandler(j, handler, [...(plan.resets.get(handler) ?? []), ...(movedByHandler.get(handler) ?? [])]);
  }
  for (const change of plan.changes) ctx.report.change(change);
}

export const transform: Transform = {
  name: 'globals',
  description: 'Per-invocation state: moves module-level state into the handler or resets it there; keeps constants, clients and lazy caches',
  step,
};

export default asJscodeshiftTransform(transform);
