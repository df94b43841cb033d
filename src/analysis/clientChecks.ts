// The code the `clients` transform writes: a factory that creates a client (with the
// listeners its library needs), the set of lost connections, and the validity checks that
// re-create a client at the top of the handler or in front of a lazy guard.
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { PingCheck, UnusableCheck } from '../config/clientFamilies';
import { findIn } from './fastFind';
import { awaitsOutsideFunctions, LOST_CONNECTIONS } from './clientBindings';
import { isReference } from './scope';
import { parseStatements, semicolon } from './snippet';
import type { CodeStyle } from './types';

/** `create` + the binding's name (`client` → `createClient`, `db` → `createDb`), numbered
 * when the module already binds or reads that name. Property names do not count:
 * `mysql.createConnection` leaves `createConnection` free. */
export function factoryNameFor(j: JSCodeshift, root: Collection<any>, binding: string): string {
  const preferred = `create${binding.charAt(0).toUpperCase()}${binding.slice(1)}`;
  const used = new Set<string>();
  findIn(j, root, 'Identifier').forEach((p) => {
    const parent = p.parent?.node;
    const declares = parent && (parent.id === p.node || parent.local === p.node);
    if (declares || isReference(p)) used.add(p.node.name);
  });
  if (!used.has(preferred)) return preferred;
  for (let i = 2; ; i++) if (!used.has(`${preferred}${i}`)) return `${preferred}${i}`;
}

/** The expression that says the client held by `name` can no longer be used. */
export function unusableTest(j: JSCodeshift, name: string, check: UnusableCheck): any {
  const client = j.identifier(name);
  switch (check.kind) {
    case 'property-equals':
      return j.binaryExpression('===', j.memberExpression(client, j.identifier(check.property)), j.literal(check.value));
    case 'property-true':
      return j.memberExpression(client, j.identifier(check.property));
    case 'property-false':
      return j.unaryExpression('!', j.memberExpression(client, j.identifier(check.property)));
    case 'lost-event':
      return j.callExpression(j.memberExpression(j.identifier(LOST_CONNECTIONS), j.identifier('has')), [client]);
  }
}

function lineComment(j: JSCodeshift, text: string): any {
  return j.commentLine(` ${text}`, true, false);
}

/** `const lostConnections = new WeakSet();` with the reason it exists. */
export function lostConnectionsDeclaration(j: JSCodeshift): any {
  const declaration = j.variableDeclaration('const', [
    j.variableDeclarator(j.identifier(LOST_CONNECTIONS), j.newExpression(j.identifier('WeakSet'), [])),
  ]);
  declaration.comments = [lineComment(j, 'Connections that reported an error or their end; they are replaced at the next invocation.')];
  return declaration;
}

function onEvent(j: JSCodeshift, name: string, event: string, listener: any): any {
  return j.expressionStatement(
    j.callExpression(j.memberExpression(j.identifier(name), j.identifier('on')), [j.literal(event), listener]),
  );
}

export interface FactoryParts {
  factoryName: string;
  /** The local name inside the factory (the binding's own name). */
  local: string;
  /** The construction, without `await`. */
  construction: any;
  awaited: boolean;
  /** Module-level `client.on(...)` statements that belong to every instance. */
  moved: any[];
  /** Events whose emission marks the client lost. */
  lostEvents: string[];
  /** Add an 'error' listener that keeps an idle failure from crashing the process. */
  errorListener: boolean;
  /** Comment lines explaining the error listener, in the library's words. */
  errorListenerReason: string[];
  /** The binding's TypeScript type (what its `: Type` annotation holds), or null: the factory
   * then makes that type (`const client: Redis = ...` for `Redis | undefined`, or a return type
   * when it only returns the construction), not only what the construction alone infers. */
  declaredType?: any;
}

/** The binding's declared type without the `null` / `undefined` its empty value needs
 * (`Redis | undefined` → `Redis`), and whether any was dropped. The construction alone may
 * infer narrower generics (node-redis: `RedisClientType<{}, {}, {}, 3, {}>`) than the declared
 * type accepts; the original assignment took them from the declared type, and the factory's
 * client takes them from this one. The type is repeated (the annotation's own nodes, so it
 * prints as the user wrote it) rather than named with `typeof client`: in the factory
 * `typeof client` reaches its own `const client`, not the module binding, even from its
 * return type. */
function clientType(j: JSCodeshift, declared: any): { type: any; dropped: boolean } {
  if (declared.type !== 'TSUnionType') return { type: declared, dropped: false };
  const kept = declared.types.filter((t: any) => t.type !== 'TSNullKeyword' && t.type !== 'TSUndefinedKeyword');
  if (kept.length === 0 || kept.length === declared.types.length) return { type: declared, dropped: false };
  return { type: kept.length === 1 ? kept[0] : j.tsUnionType(kept), dropped: true };
}

/** The type of the factory's own `const client`: a union declared type narrows to what is
 * assigned, so `null` / `undefined` left in (by an alias) do no harm there. */
function localType(j: JSCodeshift, declared: any): any {
  return j.tsTypeAnnotation(clientType(j, declared).type);
}

/** The return type of a factory that only returns the construction: the client type, made
 * non-null unless that was done above, in a `Promise` when the factory is async. */
function returnType(j: JSCodeshift, declared: any, async: boolean): any {
  const { type, dropped } = clientType(j, declared);
  const client = dropped ? type : j.tsTypeReference(j.identifier('NonNullable'), j.tsTypeParameterInstantiation([type]));
  return j.tsTypeAnnotation(async ? j.tsTypeReference(j.identifier('Promise'), j.tsTypeParameterInstantiation([client])) : client);
}

/** `function createClient() { const client = new Client(...); client.on(...); return client; }`,
 * or just `return <construction>` when nothing needs to be attached. The reason for the
 * listeners goes in one comment above the function. */
export function factoryDeclaration(j: JSCodeshift, parts: FactoryParts): any {
  const listeners: any[] = parts.lostEvents.map((event) =>
    onEvent(j, parts.local, event, j.arrowFunctionExpression([], j.callExpression(j.memberExpression(j.identifier(LOST_CONNECTIONS), j.identifier('add')), [j.identifier(parts.local)]))),
  );
  if (parts.errorListener) listeners.push(onEvent(j, parts.local, 'error', j.arrowFunctionExpression([], j.blockStatement([]))));

  const attachments = [...parts.moved, ...listeners];
  if (attachments.length === 0) {
    const factory = j.functionDeclaration(j.identifier(parts.factoryName), [], j.blockStatement([j.returnStatement(parts.construction)]));
    // `new Redis(await getUrl())` can only be made again in an async function
    factory.async = awaitsOutsideFunctions(parts.construction);
    if (parts.declaredType) factory.returnType = returnType(j, parts.declaredType, factory.async);
    return factory;
  }
  const created = parts.awaited ? j.awaitExpression(parts.construction) : parts.construction;
  const local = j.identifier(parts.local);
  // the construction takes its generics from the declared type here, as the original
  // assignment did; the factory's return type follows from the local's
  if (parts.declaredType) local.typeAnnotation = localType(j, parts.declaredType);
  const body = [
    j.variableDeclaration('const', [j.variableDeclarator(local, created)]),
    ...attachments,
    j.returnStatement(j.identifier(parts.local)),
  ];
  const fn = j.functionDeclaration(j.identifier(parts.factoryName), [], j.blockStatement(body));
  fn.async = parts.awaited;
  const reason = parts.lostEvents.length > 0 ? LOST_EVENT_REASON : parts.errorListener ? parts.errorListenerReason : null;
  if (reason) fn.comments = reason.map((line) => lineComment(j, line));
  return fn;
}

const LOST_EVENT_REASON = [
  'A connection closed while the environment was frozen is reported through these events;',
  'the next invocation then replaces the client instead of the process crashing on the error.',
];

/** `createClient()`, or `await createClient()` when the client is made asynchronously. */
export function factoryCallExpression(j: JSCodeshift, factoryName: string, awaited: boolean): any {
  const call = j.callExpression(j.identifier(factoryName), []);
  return awaited ? j.awaitExpression(call) : call;
}

function ifThen(j: JSCodeshift, test: any, statements: any[]): any {
  return j.ifStatement(test, j.blockStatement(statements));
}

function assign(j: JSCodeshift, name: string, value: any): any {
  return j.expressionStatement(j.assignmentExpression('=', j.identifier(name), value));
}

/** `--client-check ping`: the module's helper that sends a ping and waits a second at most,
 * named `helper`, in the file's style (typed in a TypeScript file). */
export function pingHelperDeclaration(helper: string, style: CodeStyle, typescript: boolean, j: JSCodeshift): any[] {
  const end = semicolon(style);
  const unit = style.useTabs ? '\t' : ' '.repeat(style.tabWidth);
  const at = (depth: number, text: string) => unit.repeat(depth) + text;
  const lines = [
    '',
    '// --client-check ping: a connection that died while the environment was frozen may show it',
    '// only once it is used. Each check sends the client a ping first; a client whose ping',
    '// fails, or gets no answer within a second, is replaced.',
    typescript
      ? `async function ${helper}<T>(client: T, ping: (client: T) => Promise<unknown>): Promise<boolean> {`
      : `async function ${helper}(client, ping) {`,
    at(1, typescript ? `let timer: ReturnType<typeof setTimeout> | undefined${end}` : `let timer${end}`),
    at(1, `const timeout = new Promise${typescript ? '<boolean>' : ''}((resolve) => {`),
    at(2, `timer = setTimeout(() => resolve(false), 1000)${end}`),
    at(1, `})${end}`),
    at(1, 'try {'),
    at(2, `return await Promise.race([ping(client).then(() => true, () => false), timeout])${end}`),
    at(1, '} catch {'),
    at(2, `return false${end}`),
    at(1, '} finally {'),
    at(2, `clearTimeout(timer)${end}`),
    at(1, '}'),
    '}',
    '',
  ];
  return parseStatements(j, lines.join('\n'));
}

export interface PingParts {
  /** The module's ping helper. */
  helper: string;
  ping: PingCheck;
  /** The client's API answers through a callback (mysql2's callback connections). */
  callback: boolean;
  typescript: boolean;
  /** Ping only once this flag says the user's own guard connected the client. */
  connectedFlag?: string | null;
}

/** `!(await answersPing(db, (db) => db.ping()))`: true when the client did not answer. */
function pingFailed(j: JSCodeshift, name: string, parts: PingParts): any {
  const param = () => j.identifier(name);
  const args = parts.ping.args.map((value) => j.literal(value));
  let request: any;
  if (parts.callback) {
    // `new Promise((resolve, reject) => db.ping((error) => (error ? reject(error) : resolve(true))))`
    const error = j.identifier('error');
    if (parts.typescript) error.typeAnnotation = j.tsTypeAnnotation(j.tsUnknownKeyword());
    const answered = j.arrowFunctionExpression(
      [error],
      j.conditionalExpression(j.identifier('error'), j.callExpression(j.identifier('reject'), [j.identifier('error')]), j.callExpression(j.identifier('resolve'), [j.literal(true)])),
    );
    const call = j.callExpression(j.memberExpression(param(), j.identifier(parts.ping.method)), [...args, answered]);
    request = j.newExpression(j.identifier('Promise'), [j.arrowFunctionExpression([j.identifier('resolve'), j.identifier('reject')], call)]);
  } else {
    request = j.callExpression(j.memberExpression(param(), j.identifier(parts.ping.method)), args);
  }
  const answers = j.awaitExpression(j.callExpression(j.identifier(parts.helper), [j.identifier(name), j.arrowFunctionExpression([param()], request)]));
  // parenthesised as people write it (recast would leave out what precedence makes redundant)
  let failed: any = j.unaryExpression('!', j.parenthesizedExpression(answers));
  // `pool.idleCount > 0 && ...`: only a client that is already open can be stale
  const count = parts.ping.onlyWhenAboveZero;
  if (count) failed = j.parenthesizedExpression(j.logicalExpression('&&', j.binaryExpression('>', j.memberExpression(j.identifier(name), j.identifier(count)), j.literal(0)), failed));
  return parts.connectedFlag ? j.parenthesizedExpression(j.logicalExpression('&&', j.identifier(parts.connectedFlag), failed)) : failed;
}

/** The names a callback ping binds around the client's name; a client of one of these names
 * would be hidden by them. */
export const CALLBACK_PING_NAMES = ['resolve', 'reject', 'error'];

/** `client.end().catch(() => {});` or `client.destroy();`: lets go of the old client, without
 * waiting for a connection that may never answer. */
function closeStatement(j: JSCodeshift, name: string, close: PingCheck['close']): any {
  const call = j.callExpression(j.memberExpression(j.identifier(name), j.identifier(close.method)), []);
  if (!close.promise) return j.expressionStatement(call);
  return j.expressionStatement(j.callExpression(j.memberExpression(call, j.identifier('catch')), [j.arrowFunctionExpression([], j.blockStatement([]))]));
}

export interface HandlerCheckParts {
  name: string;
  check: UnusableCheck;
  remedy: 'recreate' | 'connect';
  factoryName: string;
  awaited: boolean;
  /** The original connected the client when the module loaded. */
  connect: boolean;
  /** The lazy-connect flag to reset so the user's own guard connects the new client. */
  connectFlag: string | null;
  /** `--client-check ping`: also replace a client that does not answer a ping. */
  ping?: PingParts;
}

/** The statement at the top of the handler: `if (<unusable>) { client = createClient(); ... }`. */
export function handlerCheck(j: JSCodeshift, parts: HandlerCheckParts): any {
  const unusable = unusableTest(j, parts.name, parts.check);
  const test = parts.ping ? j.logicalExpression('||', unusable, pingFailed(j, parts.name, parts.ping)) : unusable;
  const connect = j.expressionStatement(j.awaitExpression(j.callExpression(j.memberExpression(j.identifier(parts.name), j.identifier('connect')), [])));
  if (parts.remedy === 'connect') return ifThen(j, test, [connect]);
  const statements = parts.ping ? [closeStatement(j, parts.name, parts.ping.ping.close)] : [];
  statements.push(assign(j, parts.name, factoryCallExpression(j, parts.factoryName, parts.awaited)));
  if (parts.connectFlag) statements.push(assign(j, parts.connectFlag, j.literal(false)));
  else if (parts.connect) statements.push(connect);
  return ifThen(j, test, statements);
}

/** `if (db && <unusable>) db = undefined;` in front of a lazy guard, so the guard itself
 * creates the client again. */
export function lazyCheck(j: JSCodeshift, name: string, check: UnusableCheck, emptyValue: 'null' | 'undefined', ping?: PingParts): any {
  const unusable = unusableTest(j, name, check);
  const test = j.logicalExpression('&&', j.identifier(name), ping ? j.logicalExpression('||', unusable, pingFailed(j, name, ping)) : unusable);
  const empty = emptyValue === 'null' ? j.literal(null) : j.identifier('undefined');
  const statements = ping ? [closeStatement(j, name, ping.ping.close)] : [];
  return ifThen(j, test, [...statements, assign(j, name, empty)]);
}

/** True when `statement` is a check this module wrote in front of a lazy guard for `name`. */
export function isLazyCheck(statement: any, name: string): boolean {
  if (statement?.type !== 'IfStatement') return false;
  const test = statement.test;
  return test.type === 'LogicalExpression' && test.operator === '&&' && test.left.type === 'Identifier' && test.left.name === name;
}

const POSITION_KEYS = new Set(['loc', 'start', 'end', 'range', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'extra', 'tokens', 'original', 'raw']);
const LITERAL_TYPES = new Set(['Literal', 'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral']);

function absent(value: any): boolean {
  return value === undefined || value === null || value === false || (Array.isArray(value) && value.length === 0);
}

function unparenthesized(node: any): any {
  while (node?.type === 'ParenthesizedExpression') node = node.expression;
  return node;
}

/** True when two trees are the same code: positions, comments, parentheses and how a parser
 * or a builder spells a literal or leaves out a false flag do not count. */
export function sameCode(a: any, b: any): boolean {
  a = unparenthesized(a);
  b = unparenthesized(b);
  if (absent(a) || absent(b)) return absent(a) && absent(b);
  if (typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameCode(item, b[i]));
  }
  if (LITERAL_TYPES.has(a.type) || LITERAL_TYPES.has(b.type)) {
    return LITERAL_TYPES.has(a.type) && LITERAL_TYPES.has(b.type) && (a.type === 'NullLiteral' ? null : a.value) === (b.type === 'NullLiteral' ? null : b.value);
  }
  if (a.type !== b.type) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (key === 'type' || POSITION_KEYS.has(key)) continue;
    // an arrow function's `expression` flag, which a builder leaves false for an expression
    // body (an expression statement's `expression` is a node, and compared)
    if (key === 'expression' && typeof a[key] !== 'object' && typeof b[key] !== 'object') continue;
    if (!sameCode(a[key], b[key])) return false;
  }
  return true;
}

/** The name of the function an awaited call in `test` calls (the ping helper of a check
 * that already pings), or null. */
export function awaitedHelperIn(test: any): string | null {
  const stack = [test];
  while (stack.length > 0) {
    const node = unparenthesized(stack.pop());
    if (!node || typeof node !== 'object') continue;
    if (node.type === 'AwaitExpression' && node.argument?.type === 'CallExpression' && node.argument.callee.type === 'Identifier') return node.argument.callee.name;
    for (const key of ['left', 'right', 'argument', 'expression']) if (node[key]) stack.push(node[key]);
  }
  return null;
}
