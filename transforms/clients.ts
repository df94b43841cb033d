// `clients`: validity checks for reused clients.
//
// What it changes: a module-level client of a library that can lose its connection (pg
// Client and Pool, mysql2 connections, ioredis, node-redis) stays module-scoped, created
// once per environment. Its initializer moves into a small factory (`createClient()`),
// which also attaches the listeners the library needs so that a socket closed while the
// environment was frozen neither crashes the process nor fails the next invocation; the
// binding becomes `let`; and the first statements of the handler re-create the client
// when a cheap, local check says it can no longer be used:
//
//   const client = new Client();          let client = createClient();
//   client.connect();               →     ...
//                                         exports.handler = async (event) => {
//                                           if (lostConnections.has(client)) {
//                                             client = createClient();
//                                             await client.connect();
//                                           }
//
// A lazily created client (`let db;` ... `if (!db) db = await mysql.createConnection()`)
// keeps its guard; the check goes in front of it (`if (db && <unusable>) db = undefined;`).
// A `let connected = false` flag that guards `client.connect()` is reset on re-creation,
// so the user's own guard connects the new client exactly once.
//
// What it never changes: call sites; AWS SDK clients, MongoClient and mysql2 pools (they
// recover by themselves: reported as reused); constructors of packages it does not know
// (reported); anything it cannot re-create safely (a sync handler that would need `await`,
// an initializer that reads local variables): reported for review with the reason.
import type { ASTPath } from 'jscodeshift';
import { asJscodeshiftTransform } from '../src/analysis/standalone';
import { LOST_CONNECTIONS as LOST_CONNECTIONS_NAME, lostConnectionsDeclared, readsOnlyModuleScope, scanClients, type ClientBinding, type Construction } from '../src/analysis/clientBindings';
import {
  CALLBACK_PING_NAMES,
  factoryCallExpression,
  factoryDeclaration,
  factoryNameFor,
  handlerCheck,
  isLazyCheck,
  lazyCheck,
  lostConnectionsDeclaration,
  awaitedHelperIn,
  pingHelperDeclaration,
  sameCode,
  type HandlerCheckParts,
  type PingParts,
} from '../src/analysis/clientChecks';
import type { PingCheck } from '../src/config/clientFamilies';
import { freeName } from '../src/analysis/imports';
import { parserFor } from '../src/analysis/parser';
import { prependToHandler } from '../src/analysis/insert';
import { packageVersion } from '../src/analysis/packageVersion';
import { findPaths } from '../src/analysis/fastFind';
import { refersToModuleBinding, shadowedAtTopOf } from '../src/analysis/lexicalScope';
import { enclosingFunction } from '../src/analysis/reach';
import { lineOf, sourceExcerpt } from '../src/analysis/sourceExcerpt';
import { isReference, moduleReferencesIn, reachableFunctions, programPath } from '../src/analysis/scope';
import type { HandlerInfo, Transform, TransformContext } from '../src/analysis/types';

const ERROR_LISTENER_REASONS: Record<string, string[]> = {
  'pg-pool': ['The pool drops an idle client whose connection failed and re-emits its error;', 'without a listener that error would crash the process.'],
  redis: ['node-redis reconnects by itself; without an error listener a lost', 'connection would crash the process.'],
};
const DEFAULT_ERROR_LISTENER_REASON = ['Without an error listener a lost connection would crash the process.'];

function where(node: any): { line: number; column: number } {
  return { line: node.loc?.start.line ?? 0, column: (node.loc?.start.column ?? 0) + 1 };
}

function handlersUsing(ctx: TransformContext, name: string): HandlerInfo[] {
  return ctx.handlers.filter((handler) =>
    reachableFunctions(ctx.j, ctx.root, handler.fn).some((fn) => moduleReferencesIn(ctx.j, fn).some((ref) => ref.node.name === name)),
  );
}

/** Module-level `client.on(...)` / `client.once(...)` statements: they belong to every
 * instance, so they move into the factory. */
function listenerStatements(ctx: TransformContext, name: string): ASTPath<any>[] {
  const out: ASTPath<any>[] = [];
  programPath(ctx.j, ctx.root)!
    .get('body')
    .each((statement: ASTPath<any>) => {
      const expression = statement.node.type === 'ExpressionStatement' ? statement.node.expression : null;
      const callee = expression?.type === 'CallExpression' ? expression.callee : null;
      if (callee?.type === 'MemberExpression' && callee.object.type === 'Identifier' && callee.object.name === name && ['on', 'once', 'addListener'].includes(callee.property.name)) {
        out.push(statement);
      }
    });
  return out;
}

/** How the module, as it loads, ties something to this one client object beyond the
 * listeners that move into the factory and its `connect()`: a command defined on it
 * (`redis.defineCommand(...)`), a property set on it, another object built around it
 * (`new Cache(redis)`), an export. A re-created client would lack that, or the other object
 * would keep the old one. Null when there is none. */
function loadTimeHold(ctx: TransformContext, client: ClientBinding): string | null {
  const { j } = ctx;
  const { name } = client;
  if (client.statement.node.type !== 'VariableDeclaration') return 'exported where it is declared';
  const listeners = new Set(listenerStatements(ctx, name).map((s) => s.node));
  const program = programPath(j, ctx.root)!;
  for (const p of findPaths(j, program, 'Identifier', (node: any) => node.name === name)) {
    if (p.node === client.declarator.node.id || enclosingFunction(p) !== null || inTypePosition(p)) continue;
    const parent = p.parent.node;
    if (parent.type === 'ExportSpecifier') return `exported (line ${lineOf(p)})`;
    if (!isReference(p) || !refersToModuleBinding(p)) continue;
    let statement = p;
    while (statement.parent && statement.parent.node.type !== 'Program') statement = statement.parent;
    if (listeners.has(statement.node)) continue;
    // `client.connect()` at load: the factory's client is connected by the check's remedy
    if (parent.type === 'MemberExpression' && parent.object === p.node && !parent.computed && parent.property.name === 'connect') continue;
    return `used while the module loads (\`${sourceExcerpt(statement.node)}\`, line ${lineOf(p)})`;
  }
  return null;
}

/** The type a TypeScript annotation gives the binding (`let client: Redis | undefined`), or null. */
function declaredType(client: ClientBinding): any {
  const annotation = client.declarator.node.id.typeAnnotation;
  return annotation?.type === 'TSTypeAnnotation' ? annotation.typeAnnotation : null;
}

function inTypePosition(path: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    if (p.node.type === 'TSTypeQuery' || p.node.type === 'TSTypeAnnotation' || p.node.type === 'TSTypeReference') return true;
  }
  return false;
}

/** The user's own 'error' listener, chained onto the construction or in a module-level
 * statement that moves into the factory, already keeps a lost connection from crashing. */
function hasErrorListener(construction: Construction, statements: ASTPath<any>[]): boolean {
  if (construction.chainedEvents.includes('error')) return true;
  return statements.some((s) => {
    const first = s.node.expression.arguments[0];
    return first && (first.type === 'StringLiteral' || first.type === 'Literal') && first.value === 'error';
  });
}

/** What replaces the construction: `createClient()`, `await createClient()`, or
 * `await createClient().connect()` where the original connected in the same chain, so the
 * binding holds what it held before. */
function madeByFactory(ctx: TransformContext, factoryName: string, construction: Construction): any {
  const { j } = ctx;
  const call = factoryCallExpression(j, factoryName, construction.awaited);
  if (!construction.connected) return call;
  return j.awaitExpression(j.callExpression(j.memberExpression(call, j.identifier('connect')), []));
}

function temporaryCredentials(construction: any): boolean {
  const options = construction.arguments?.[0];
  if (options?.type !== 'ObjectExpression') return false;
  const credentials = options.properties.find((p: any) => (p.key?.name ?? p.key?.value) === 'credentials');
  return credentials?.value?.type === 'ObjectExpression' && credentials.value.properties.some((p: any) => (p.key?.name ?? p.key?.value) === 'expiration');
}

/** Makes sure `const lostConnections = new WeakSet()` exists, before `beforeStatement`. */
function ensureLostConnections(ctx: TransformContext, state: { declared: boolean }, body: any[], beforeStatement: any): void {
  if (state.declared) return;
  body.splice(body.indexOf(beforeStatement), 0, lostConnectionsDeclaration(ctx.j));
  state.declared = true;
}

/** What the module's checks need from `--client-check ping`: the helper's name once a
 * check uses it, and the statements it must come before. */
interface PingState {
  helper: string | null;
  usedBy: any[];
  /** The file is TypeScript: the helper and a callback ping's parameter are typed. */
  typescript: boolean;
  /** The module already declares the helper (an earlier run with ping wrote it). */
  declared: boolean;
}

/** The ping helper an earlier run with ping wrote at the top of the module, so that the
 * checks this run adds call it instead of a second copy. */
function declaredPingHelper(ctx: TransformContext, typescript: boolean): string | null {
  const { j } = ctx;
  for (const node of programPath(j, ctx.root)!.node.body) {
    const name = node.type === 'FunctionDeclaration' ? node.id?.name : null;
    if (!name || !/^answersPing\d*$/.test(name)) continue;
    const written = pingHelperDeclaration(name, ctx.style, typescript, j).find((s: any) => s.type === 'FunctionDeclaration');
    if (sameCode(node, written)) return name;
  }
  return null;
}

/** `--client-check ping` for `client`: how its checks send a ping, or why they send none
 * (reported), or null when pings were not asked for. */
function pingFor(ctx: TransformContext, client: ClientBinding, state: PingState): { parts: PingParts } | { reason: string } | null {
  const spec = client.family.ping;
  if (ctx.options.clientCheck !== 'ping' || !spec) return null;
  const { family, name, construction } = client;
  if ('none' in spec) return { reason: spec.none };
  const ping: PingCheck = spec;
  const callback = !!ping.callbackSources?.includes(construction.source);
  if (callback && CALLBACK_PING_NAMES.includes(name)) return { reason: `the ping's callback would hide \`${name}\`; rename the client to get one` };
  if (family.id === 'pg-client' && client.mode === 'eager' && !client.connectedAtLoad && !client.connectFlag) {
    return { reason: `\`${name}\` is not connected when the module loads, and pg holds a query until the client is connected` };
  }
  state.helper ??= freeName(ctx.j, ctx.root, 'answersPing');
  return { parts: { helper: state.helper, ping, callback, typescript: state.typescript, connectedFlag: client.connectFlag } };
}

/** How a check that pings reads now and did not in an earlier release. */
const PING_FORM_CHANGES = 'a pg Pool is pinged only while it has an idle client (`idleCount > 0`), so that the ping never waits for a new connection';

/** The ping parts an earlier release wrote where this one writes `parts`: the first release
 * pinged a pg Pool whether or not it had an idle client. */
function olderPingForms(parts: PingParts): PingParts[] {
  return parts.ping.onlyWhenAboveZero ? [{ ...parts, ping: { ...parts.ping, onlyWhenAboveZero: undefined } }] : [];
}

/** A check (an `if` statement) that already pings, as `write` writes it with `pinged`'s ping
 * calling the helper the check calls: as this release writes it (`older` false), or as an
 * earlier release wrote it (`older`: rewrite it with `ping`); null for any other statement
 * (a local check, one edited by hand). */
function pingingCheck(statement: any, write: (ping?: PingParts) => any, pinged: PingParts): { older: boolean; ping: PingParts } | null {
  const helper = awaitedHelperIn(statement.test);
  if (!helper) return null;
  const ping = { ...pinged, helper };
  if (sameCode(statement, write(ping))) return { older: false, ping };
  return olderPingForms(ping).some((form) => sameCode(statement, write(form))) ? { older: true, ping } : null;
}

function checkNotRecognised(ctx: TransformContext, at: { line: number; column: number }, client: ClientBinding, where: string): void {
  ctx.report.review({
    kind: 'ping-skipped',
    ...at,
    message: `--client-check ping: the check of ${client.family.label} \`${client.name}\` ${where} is not the one lambda-clean-slate wrote (edited by hand?), so no ping was added to it; add one by hand, or restore the check and run again`,
  });
}

/** The ping to add to a handler's or guard's check, or why there is none (reported as a
 * first run reports it). */
function pingInAsync(ctx: TransformContext, ping: ReturnType<typeof pingFor>, at: { line: number; column: number }, client: ClientBinding, async: boolean, notAsync: string): PingParts | undefined {
  if (ping && 'reason' in ping) pingSkipped(ctx, at, client, ping.reason);
  const pinged = ping && 'parts' in ping ? ping.parts : undefined;
  if (pinged && !async) {
    pingSkipped(ctx, at, client, notAsync);
    return undefined;
  }
  return pinged;
}

function pingSkipped(ctx: TransformContext, at: { line: number; column: number }, client: ClientBinding, reason: string): void {
  ctx.report.review({ kind: 'ping-skipped', ...at, message: `--client-check ping: the check of ${client.family.label} \`${client.name}\` sends no ping (${reason}); it uses the local check only` });
}

/** What `handlerCheck` needs to write the check of eager `client`, without a ping. */
function checkParts(client: ClientBinding, factoryName: string): HandlerCheckParts {
  return {
    name: client.name,
    check: client.family.unusable!,
    remedy: client.family.remedy ?? 'recreate',
    factoryName,
    awaited: client.construction.awaited,
    connect: client.connectedAtLoad && !client.connectFlag,
    connectFlag: client.connectFlag,
  };
}

/** The handlers using eager `client` that can get a check at their top; the others are
 * reported (not async where re-creating needs `await`, a local of the same name). */
function checkableHandlers(ctx: TransformContext, client: ClientBinding, users: HandlerInfo[]): HandlerInfo[] {
  const { family, name } = client;
  const remedy = family.remedy ?? 'recreate';
  const connect = client.connectedAtLoad && !client.connectFlag;
  const needsAwait = remedy === 'connect' ? true : client.construction.awaited || connect;
  const awaiting = users.filter((h) => !needsAwait || h.style === 'async');
  for (const handler of users.filter((h) => !awaiting.includes(h))) {
    ctx.report.review({ kind: 'client-not-migrated', line: handler.line, column: handler.column, message: `re-creating ${family.label} \`${name}\` needs \`await\`, and handler \`${handler.name}\` is not async` });
  }
  // a check at the top of a handler that declares the same name of its own would reach its
  // local, before that local is initialised: it would throw on every invocation
  const shadowing = (h: HandlerInfo) => [name, client.connectFlag].find((n): n is string => !!n && shadowedAtTopOf(h.fn, n));
  for (const handler of awaiting.filter((h) => shadowing(h))) {
    ctx.report.review({ kind: 'client-not-migrated', line: handler.line, column: handler.column, message: `handler \`${handler.name}\` declares a \`${shadowing(handler)}\` of its own, so a check of ${family.label} \`${name}\` cannot go at its top; rename the local to get one` });
  }
  return awaiting.filter((h) => !shadowing(h));
}

/** `--client-check ping` over an eager client an earlier run migrated (its factory exists):
 * the local check that run wrote at the top of each handler gets the ping, in place, as a
 * first run with ping writes it. A check that already pings is left alone; one edited by
 * hand is left alone and reported. */
function upgradeEager(ctx: TransformContext, client: ClientBinding, pingState: PingState): void {
  const { j } = ctx;
  const { family, name } = client;
  const ping = pingFor(ctx, client, pingState);
  if (!ping) return;
  const body: any[] = programPath(j, ctx.root)!.node.body;
  const factory = body.find((node) => node.type === 'FunctionDeclaration' && node.id?.name === client.factory);
  const parts = checkParts(client, client.factory!);
  const write = (ping?: PingParts) => handlerCheck(j, { ...parts, ping });
  const local = write();
  for (const handler of checkableHandlers(ctx, client, handlersUsing(ctx, name))) {
    const at = { line: handler.line, column: handler.column };
    const pinged = pingInAsync(ctx, ping, at, client, handler.style === 'async', `handler \`${handler.name}\` is not async, and a ping must be awaited`);
    if (!pinged) continue;
    const fnBody = handler.fn.node.body;
    const statements: any[] = fnBody.type === 'BlockStatement' ? fnBody.body : [];
    let index = statements.findIndex((statement) => sameCode(statement, local));
    if (index < 0) {
      // a check that pings already: as this release writes it (left alone), or as an earlier
      // release wrote it (brought up to date in place)
      const found = statements.map((statement) => (statement.type === 'IfStatement' ? pingingCheck(statement, write, pinged) : null));
      index = found.findIndex((kind) => kind !== null);
      if (index < 0) checkNotRecognised(ctx, at, client, `in handler \`${handler.name}\``);
      else if (found[index]!.older) {
        statements[index] = write(found[index]!.ping);
        ctx.report.change({ kind: 'validity-check', ...at, message: `handler \`${handler.name}\`'s ping of ${family.label} \`${name}\` brought up to date: ${PING_FORM_CHANGES}` });
      }
      continue;
    }
    statements[index] = write(pinged);
    pingState.usedBy.push(factory ?? client.statement.node);
    ctx.report.change({ kind: 'validity-check', ...at, message: `handler \`${handler.name}\` also re-creates ${family.label} \`${name}\` when it does not answer a ping within a second (the local check an earlier run wrote, upgraded in place)` });
  }
}

function migrateEager(ctx: TransformContext, client: ClientBinding, state: { declared: boolean }, checks: Map<HandlerInfo, any[]>, pingState: PingState): void {
  const { j } = ctx;
  const { family, name } = client;
  const at = where(client.declarator.node);
  const declaration = client.declarator.parent.node;
  if (declaration.declarations.length !== 1) {
    ctx.report.review({ kind: 'client-not-migrated', ...at, message: `${family.label} \`${name}\` is declared together with other bindings; declare it on its own to get a validity check` });
    return;
  }
  const users = handlersUsing(ctx, name);
  const heldAtLoad = loadTimeHold(ctx, client);
  if (users.length === 0 && !heldAtLoad) {
    ctx.report.review({ kind: 'reused', ...at, message: `${family.label} \`${name}\` is not used by a handler; kept as it is`, informational: true });
    return;
  }
  if (heldAtLoad) {
    ctx.report.review({
      kind: 'client-not-migrated',
      ...at,
      message: `${family.label} \`${name}\` is also ${heldAtLoad}; a client created again by a validity check would miss what the module set up on the old one, and what holds the old one would keep it: \`${name}\` is kept as it is; re-create what depends on it together with it by hand`,
    });
    return;
  }
  const remedy = family.remedy ?? 'recreate';
  const connect = client.connectedAtLoad && !client.connectFlag;
  if (remedy === 'connect' && !client.connectedAtLoad) {
    ctx.report.review({ kind: 'client-not-migrated', ...at, message: `${family.label} \`${name}\` is not connected when the module loads; connect it where it is used (\`if (!${name}.isOpen) await ${name}.connect()\`)` });
    return;
  }
  const able = checkableHandlers(ctx, client, users);
  if (able.length === 0) return;

  const lostEvents = family.unusable?.kind === 'lost-event' ? family.unusable.events : [];
  const moved = listenerStatements(ctx, name);
  const errorListener = !!family.needsErrorListener && !hasErrorListener(client.construction, moved);
  const factoryName = factoryNameFor(j, ctx.root, name);
  const body: any[] = programPath(j, ctx.root)!.node.body;
  for (const statement of moved) body.splice(body.indexOf(statement.node), 1);
  const factory = factoryDeclaration(j, {
    factoryName,
    local: name,
    construction: client.construction.made,
    awaited: client.construction.awaited,
    moved: moved.map((s) => s.node),
    lostEvents,
    errorListener,
    errorListenerReason: ERROR_LISTENER_REASONS[family.id] ?? DEFAULT_ERROR_LISTENER_REASON,
    declaredType: declaredType(client),
  });
  if (lostEvents.length > 0) ensureLostConnections(ctx, state, body, client.statement.node);
  body.splice(body.indexOf(client.statement.node), 0, factory);
  client.declarator.node.init = madeByFactory(ctx, factoryName, client.construction);
  if (declaration.kind === 'const') declaration.kind = 'let';
  ctx.report.change({ kind: 'factory', ...at, message: `moved the ${family.label} initializer into \`${factoryName}()\` so the handler can re-create \`${name}\`` });
  if (lostEvents.length > 0 || errorListener) {
    ctx.report.change({ kind: 'error-listener', ...at, message: `\`${factoryName}()\` listens for ${lostEvents.length > 0 ? lostEvents.map((e) => `'${e}'`).join(' and ') : "'error'"} so a connection lost while the environment was frozen does not crash the process` });
  }

  const ping = pingFor(ctx, client, pingState);
  for (const handler of able) {
    const pinged = pingInAsync(ctx, ping, { line: handler.line, column: handler.column }, client, handler.style === 'async', `handler \`${handler.name}\` is not async, and a ping must be awaited`);
    if (pinged) pingState.usedBy.push(factory);
    const statement = handlerCheck(j, { ...checkParts(client, factoryName), ping: pinged });
    checks.set(handler, [...(checks.get(handler) ?? []), statement]);
    const pingNote = pinged ? `, or when it does not answer a ping within a second` : '';
    ctx.report.change({ kind: 'validity-check', line: handler.line, column: handler.column, message: `handler \`${handler.name}\` re-creates ${family.label} \`${name}\` when it can no longer be used (${family.reason})${pingNote}` });
  }
}

function migrateLazy(ctx: TransformContext, client: ClientBinding, state: { declared: boolean }, pingState: PingState): void {
  const { j } = ctx;
  const { family, name } = client;
  const at = where(client.declarator.node);
  const lostEvents = family.unusable?.kind === 'lost-event' ? family.unusable.events : [];
  const errorListener = !!family.needsErrorListener && !hasErrorListener(client.construction, []);
  const needsFactory = !client.factory && (lostEvents.length > 0 || errorListener);
  if (needsFactory) {
    if (client.lazySites.length !== 1) {
      ctx.report.review({ kind: 'client-not-migrated', ...at, message: `${family.label} \`${name}\` is created in ${client.lazySites.length} places; create it in one place to get listeners and a validity check` });
      return;
    }
    const { assignment } = client.lazySites[0];
    if (!readsOnlyModuleScope(j, assignment.get('right'))) {
      ctx.report.review({ kind: 'client-not-migrated', ...at, message: `the ${family.label} \`${name}\` is created from local variables, so it cannot move into a factory; add 'error' listeners and a validity check by hand` });
      return;
    }
    const factoryName = factoryNameFor(j, ctx.root, name);
    const body: any[] = programPath(j, ctx.root)!.node.body;
    const factory = factoryDeclaration(j, {
      factoryName,
      local: name,
      construction: client.construction.made,
      awaited: client.construction.awaited,
      moved: [],
      lostEvents,
      errorListener,
      errorListenerReason: ERROR_LISTENER_REASONS[family.id] ?? DEFAULT_ERROR_LISTENER_REASON,
      declaredType: declaredType(client),
    });
    if (lostEvents.length > 0) ensureLostConnections(ctx, state, body, client.statement.node);
    body.splice(body.indexOf(client.statement.node) + 1, 0, factory);
    assignment.node.right = madeByFactory(ctx, factoryName, client.construction);
    ctx.report.change({ kind: 'factory', ...where(assignment.node), message: `\`${name}\` is created by \`${factoryName}()\`, which listens for lost connections so they do not crash the process` });
  }

  for (const { guard } of client.lazySites) {
    const container = guard.parent?.node;
    const list: any[] | undefined = container?.type === 'BlockStatement' || container?.type === 'Program' ? container.body : undefined;
    if (!list) {
      ctx.report.review({ kind: 'client-not-migrated', ...where(guard.node), message: `the guard that creates \`${name}\` is not in a block; put a validity check in front of it by hand` });
      continue;
    }
    const index = list.indexOf(guard.node);
    const ping = pingFor(ctx, client, pingState);
    const pinged = pingInAsync(ctx, ping, where(guard.node), client, !!enclosingFunction(guard)?.node.async, 'the guard that creates it is not in an async function, and a ping must be awaited');
    const existing = list[index - 1];
    if (isLazyCheck(existing, name)) {
      // an earlier run's check: with ping, the local one it wrote gets the ping in place
      if (!pinged) continue;
      const write = (ping?: PingParts) => lazyCheck(j, name, family.unusable!, client.emptyValue, ping);
      const pinging = pingingCheck(existing, write, pinged);
      if (pinging?.older) {
        list[index - 1] = write(pinging.ping);
        ctx.report.change({ kind: 'validity-check', ...where(guard.node), message: `the ping of \`${name}\` in front of its guard brought up to date: ${PING_FORM_CHANGES}` });
      }
      if (pinging) continue;
      if (!sameCode(existing, write())) {
        checkNotRecognised(ctx, where(existing), client, `in front of the guard that creates it (line ${lineOf(guard)})`);
        continue;
      }
      list[index - 1] = lazyCheck(j, name, family.unusable!, client.emptyValue, pinged);
      pingState.usedBy.push(client.statement.node);
      ctx.report.change({ kind: 'validity-check', ...where(guard.node), message: `\`${name}\` is also dropped in front of its guard when it does not answer a ping within a second (the local check an earlier run wrote, upgraded in place)` });
      continue;
    }
    if (pinged) pingState.usedBy.push(client.statement.node);
    list.splice(index, 0, lazyCheck(j, name, family.unusable!, client.emptyValue, pinged));
    const pingNote = pinged ? `, or when it does not answer a ping within a second` : '';
    ctx.report.change({ kind: 'validity-check', ...where(guard.node), message: `\`${name}\` is dropped in front of its guard when it can no longer be used (${family.reason})${pingNote}, so the guard creates it again` });
  }
}

/** Where the ping helper goes: above the first of `usedBy` (the factories and clients whose
 * checks ping) found in the module's `body`, and above the set of lost connections when that
 * comes first; right after the imports when none is found. */
export function pingHelperIndex(body: any[], usedBy: any[]): number {
  const found = usedBy.map((node) => body.indexOf(node)).filter((i) => i >= 0);
  if (found.length === 0) {
    let after = 0;
    while (after < body.length && isImport(body[after])) after++;
    return after;
  }
  const first = Math.min(...found);
  const lost = body.findIndex((node) => node.type === 'VariableDeclaration' && node.declarations[0]?.id?.name === LOST_CONNECTIONS_NAME);
  return lost >= 0 && lost < first ? lost : first;
}

/** `import ...`, `import x = require(...)`, a directive, or a declaration of `require(...)`
 * (or of a property of one: `require('x').Client`). */
function isImport(node: any): boolean {
  if (node.type === 'ImportDeclaration' || node.type === 'TSImportEqualsDeclaration') return true;
  if (node.type === 'ExpressionStatement' && node.directive) return true;
  if (node.type !== 'VariableDeclaration') return false;
  return node.declarations.every((d: any) => {
    let init = d.init;
    while (init?.type === 'MemberExpression') init = init.object;
    return init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require';
  });
}

export const transform: Transform = {
  name: 'clients',
  description: 'Reused clients (pg, mysql2, ioredis, redis) get a validity check and are re-created when their connection was lost',
  step(ctx) {
    const { j, root } = ctx;
    const scan = scanClients(j, root);
    const state = { declared: lostConnectionsDeclared(j, root) };
    const checks = new Map<HandlerInfo, any[]>();
    const typescript = parserFor(ctx.filePath) !== 'babel';
    const declaredHelper = ctx.options.clientCheck === 'ping' ? declaredPingHelper(ctx, typescript) : null;
    const pingState: PingState = { helper: declaredHelper, usedBy: [], typescript, declared: declaredHelper !== null };

    for (const unknown of scan.unknown) {
      ctx.report.review({ kind: 'unknown-client', ...where(unknown.declarator.node), message: `\`${unknown.name}\` is created from '${unknown.source}', which lambda-clean-slate does not know; check whether it survives a frozen environment` });
    }
    for (const client of scan.clients) {
      const at = where(client.declarator.node);
      const redisMajor = client.family.id === 'redis' && client.construction.source === 'redis' ? packageVersion(ctx.modulePath, 'redis')?.[0] : undefined;
      if (redisMajor !== undefined && redisMajor < 4) {
        // node-redis before 4 (`redis` ^3): no `isOpen`, no promise `connect()`; it connects as
        // it is created and reconnects by itself, so the v4 check would be wrong there
        const listening = hasErrorListener(client.construction, listenerStatements(ctx, client.name));
        ctx.report.review({
          kind: 'reused',
          ...at,
          message: `${client.family.label} \`${client.name}\` is kept as it is: the project uses node-redis ${redisMajor} (redis ${redisMajor}.x), which connects when the client is created and reconnects by itself after a lost connection (\`${client.name}.connected\` says whether it is connected now) until its retry_strategy gives up; node-redis 4's \`isOpen\` and \`connect()\` do not exist there, so no check is added${listening ? '' : `. Give it an 'error' listener (\`${client.name}.on('error', ...)\`): node-redis emits 'error' when a connection fails, and without a listener that crashes the process`}`,
        });
        continue;
      }
      if (client.family.action === 'reuse') {
        const expiring = temporaryCredentials(client.construction.node);
        ctx.report.review({
          kind: expiring ? 'temporary-credentials' : 'reused',
          ...at,
          message: expiring
            ? `${client.family.label} \`${client.name}\` is built with temporary credentials (expiration); re-create it before they expire`
            : `${client.family.label} \`${client.name}\` is reused as it is: ${client.family.reason}`,
          ...(!expiring && { informational: true as const }),
        });
      } else if (client.family.action === 'review') {
        ctx.report.review({ kind: 'reused', ...at, message: `${client.family.label} \`${client.name}\` is kept: ${client.family.reason}` });
      } else if (client.family.asyncSources?.includes(client.construction.source) && !client.construction.awaited) {
        // listeners or a check on the promise would throw, or never see the connection
        ctx.report.review({
          kind: 'client-not-migrated',
          ...at,
          message: `\`${client.name}\` holds the promise that '${client.construction.source}' returns, not the ${client.family.label} itself, so no listeners or validity check can be attached to it; hold the awaited connection (\`${client.name} = await ...\`) to get them`,
        });
      } else if (client.mode === 'lazy') {
        migrateLazy(ctx, client, state, pingState);
      } else if (!client.factory) {
        migrateEager(ctx, client, state, checks, pingState);
      } else {
        upgradeEager(ctx, client, pingState);
      }
    }
    if (pingState.helper && pingState.usedBy.length > 0 && !pingState.declared) {
      // once, above the first factory or client whose check pings (and above the set of
      // lost connections when that comes first)
      const body: any[] = programPath(j, root)!.node.body;
      body.splice(pingHelperIndex(body, pingState.usedBy), 0, ...pingHelperDeclaration(pingState.helper, ctx.style, pingState.typescript, j));
    }
    for (const [handler, statements] of checks) prependToHandler(j, handler, statements);
  },
};

export default asJscodeshiftTransform(transform);
