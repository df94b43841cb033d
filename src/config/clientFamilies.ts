// The client libraries the `clients` transform knows, one row per library. Supporting a
// library is adding a row: how to recognise a client (import source, and the constructor
// or factory reached from it), what cheap local check says the client can no longer be
// used, and whether a re-created client must be connected. Each row names the public API
// it relies on and where that was checked.

/** How the client is made, as a path from the module's export: `[]` is the module itself
 * (default import, `require('x')`), `['Client']` a named export or `pg.Client`. */
export interface ClientConstruction {
  form: 'new' | 'call';
  /** Export paths that construct this client. A `*` segment matches any name. */
  paths: string[][];
}

/** The cheap, local check that says a client can no longer be used. */
export type UnusableCheck =
  /** `client.<property> === <value>` */
  | { kind: 'property-equals'; property: string; value: string }
  /** `client.<property>` is true */
  | { kind: 'property-true'; property: string }
  /** `client.<property>` is false */
  | { kind: 'property-false'; property: string }
  /** the client emitted one of these events; listeners added when it is created record that */
  | { kind: 'lost-event'; events: string[] };

/** `--client-check ping`: a request only a live connection answers, and how a client that
 * did not answer is let go of before it is replaced. */
export interface PingCheck {
  /** The method called on the client and its arguments (string values):
   * `client.query('SELECT 1')`, `client.ping()`. */
  method: string;
  args: string[];
  /** Import sources whose API answers through a callback (`connection.ping(callback)`)
   * instead of returning a promise. */
  callbackSources?: string[];
  /** Closes the old client without waiting for it; `promise`: the method returns a promise,
   * whose rejection is ignored (`client.end().catch(() => {})`). */
  close: { method: string; promise: boolean };
  /** A public count on the client that must be above zero for a ping to be worth sending
   * (`pool.idleCount > 0 && !(await answersPing(...))`). pg Pool: `idleCount`, the idle clients
   * the pool would hand out (pg-pool's public getter; @types/pg `readonly idleCount: number`).
   * With none, the ping's query opens a new connection, which cannot be stale, and its second
   * would include connecting (TLS, a VPC, an Aurora resume): a healthy pool would be replaced. */
  onlyWhenAboveZero?: string;
}

export interface ClientFamily {
  /** Stable id used in reports and tests. */
  id: string;
  /** How the library is called in messages. */
  label: string;
  /** Import sources (`require`/`import`) of the library. */
  sources: (string | RegExp)[];
  construction: ClientConstruction;
  /**
   * `check`: keep it module-scoped and re-create it when `unusable` says so.
   * `reuse`: keep it as it is, add nothing (the library recovers by itself).
   * `review`: recognised, kept, and reported for a person to look at (`reason`).
   */
  action: 'check' | 'reuse' | 'review';
  unusable?: UnusableCheck;
  /** What brings an unusable client back: a new one from the factory (connected again
   * where the original was connected), or `connect()` on the same object. */
  remedy?: 'recreate' | 'connect';
  /** The library emits 'error' for a connection that failed while nobody used it; without
   * a listener Node throws it and the process crashes. */
  needsErrorListener?: boolean;
  /** `connect()` resolves to the client itself, so `await createX().connect()` holds the
   * client (the form the library's own README shows). */
  connectResolvesToClient?: boolean;
  /** Why it is reused or left for review; shown in the report. */
  reason: string;
  /** Import sources whose construction returns a promise of the client
   * (`await mysql.createConnection()` from mysql2/promise): a binding that holds the
   * construction unawaited holds that promise, which has no listeners or state to check. */
  asyncSources?: string[];
  /** `--client-check ping`: how the check sends a ping; or why this family gets none. */
  ping?: PingCheck | { none: string };
}

export const CLIENT_FAMILIES: ClientFamily[] = [
  // AWS SDK v3: every `@aws-sdk/client-*` package exports `XxxClient`. The SDK resolves and
  // refreshes credentials itself and retries requests on a reset socket (smithy retry
  // strategy), so a client from a frozen environment keeps working.
  {
    id: 'aws-sdk-v3',
    label: 'AWS SDK v3 client',
    sources: [/^@aws-sdk\/client-/],
    construction: { form: 'new', paths: [['*']] },
    action: 'reuse',
    reason: 'the AWS SDK refreshes credentials and retries reset sockets itself',
  },
  // `DynamoDBDocumentClient.from(client)` (@aws-sdk/lib-dynamodb) wraps a v3 client.
  {
    id: 'aws-sdk-v3-document',
    label: 'DynamoDBDocumentClient',
    sources: ['@aws-sdk/lib-dynamodb'],
    construction: { form: 'call', paths: [['DynamoDBDocumentClient', 'from'], ['DynamoDBDocument', 'from']] },
    action: 'reuse',
    reason: 'the AWS SDK refreshes credentials and retries reset sockets itself',
  },
  // AWS SDK v2: `new AWS.S3()`, `new AWS.DynamoDB.DocumentClient()`, and the per-service
  // modules `aws-sdk/clients/s3`. Credentials are refreshed by the SDK's credential chain.
  {
    id: 'aws-sdk-v2',
    label: 'AWS SDK v2 service object',
    sources: ['aws-sdk', /^aws-sdk\/clients\//],
    construction: { form: 'new', paths: [['*'], ['*', '*'], []] },
    action: 'reuse',
    reason: 'the AWS SDK refreshes credentials and retries reset sockets itself',
  },
  // pg Client (node-postgres, DefinitelyTyped types/pg `ClientBase.on('error' | 'end')`):
  // there is no public "connected" flag; a lost connection is reported through the
  // 'error' and 'end' events, and a client cannot be connected twice ("Client has already
  // been connected. You cannot reuse a client."), so a lost one is replaced.
  {
    id: 'pg-client',
    label: 'pg Client',
    sources: ['pg'],
    construction: { form: 'new', paths: [['Client']] },
    action: 'check',
    unusable: { kind: 'lost-event', events: ['error', 'end'] },
    reason: 'pg reports a lost connection only through its error and end events',
    // `client.query(text)` and `client.end()` both return a promise without a callback
    ping: { method: 'query', args: ['SELECT 1'], close: { method: 'end', promise: true } },
  },
  // pg Pool (packages/pg-pool/index.js: `this.ending`, `this.ended` set by `end()`;
  // README "events: error — emitted whenever an idle client in the pool encounters an
  // error"): the pool drops a failed idle client by itself, but the 'error' it re-emits
  // crashes the process without a listener. A pool that was ended cannot be used again
  // ("Cannot use a pool after calling end on the pool"); `ending` is set first.
  {
    id: 'pg-pool',
    label: 'pg Pool',
    sources: ['pg', 'pg-pool'],
    construction: { form: 'new', paths: [['Pool'], []] },
    action: 'check',
    unusable: { kind: 'property-true', property: 'ending' },
    needsErrorListener: true,
    reason: 'pg Pool re-emits idle client errors and cannot be used after end()',
    // a query checks out an idle client: one whose connection died fails it. The pool closes
    // idle clients after `idleTimeoutMillis` (10 s by default), and a new connection cannot be
    // stale: the ping is sent only while `idleCount` (public getter) is above zero
    ping: { method: 'query', args: ['SELECT 1'], close: { method: 'end', promise: true }, onlyWhenAboveZero: 'idleCount' },
  },
  // mysql2 connections, callback and promise API (lib/promise/connection.js forwards the
  // core connection's 'error' and 'end' events). `connection.state` exists only from
  // mysql2 3.16 (sidorares/node-mysql2#3958) and not on the promise wrapper, so the
  // events are the signal that works on every version.
  {
    id: 'mysql2-connection',
    label: 'mysql2 connection',
    sources: ['mysql2', 'mysql2/promise'],
    construction: { form: 'call', paths: [['createConnection']] },
    action: 'check',
    unusable: { kind: 'lost-event', events: ['error', 'end'] },
    reason: 'mysql2 reports a lost connection through its error and end events',
    // `ping(callback)` on the callback API; `ping()` returns a promise and `destroy()` is
    // proxied as it is on mysql2/promise (lib/promise/connection.js)
    asyncSources: ['mysql2/promise'],
    ping: { method: 'ping', args: [], callbackSources: ['mysql2'], close: { method: 'destroy', promise: false } },
  },
  // mysql2 pools replace connections that failed; there is no public "closed" flag.
  {
    id: 'mysql2-pool',
    label: 'mysql2 pool',
    sources: ['mysql2', 'mysql2/promise'],
    construction: { form: 'call', paths: [['createPool']] },
    action: 'reuse',
    reason: 'a mysql2 pool replaces connections that failed',
  },
  // The legacy `mysql` package (mysqljs/mysql; README "Error handling" and "Server
  // disconnects": a fatal error ends a connection for good, "an existing connection object
  // cannot be re-connected by design", and an 'error' event without a listener kills the
  // process). Its API is not mysql2's (no promise wrapper), and no check of it has been
  // verified here: recognised and reported, never left out in silence.
  {
    id: 'mysql-connection',
    label: 'mysql connection',
    sources: ['mysql'],
    construction: { form: 'call', paths: [['createConnection']] },
    action: 'review',
    reason:
      "the legacy mysql package cannot reconnect a connection that a fatal error ended (one lost while the environment was frozen): a new one must be created, and an 'error' event without a listener crashes the process. No check is added; consider a pool, or mysql2",
  },
  {
    id: 'mysql-pool',
    label: 'mysql pool',
    sources: ['mysql'],
    construction: { form: 'call', paths: [['createPool'], ['createPoolCluster']] },
    action: 'review',
    reason: 'the legacy mysql package is not checked by lambda-clean-slate: make sure a connection the pool hands out after a thaw still works (or retry the first query), or move to mysql2',
  },
  // ioredis (types RedisStatus: "wait" | "reconnecting" | "connecting" | "connect" |
  // "ready" | "close" | "end"): it reconnects by itself until `retryStrategy` gives up,
  // then the status is "end" for good. Unhandled 'error' events are only logged.
  {
    id: 'ioredis',
    label: 'ioredis',
    sources: ['ioredis'],
    construction: { form: 'new', paths: [[], ['Redis'], ['default']] },
    action: 'check',
    unusable: { kind: 'property-equals', property: 'status', value: 'end' },
    reason: 'ioredis stops reconnecting when its status is "end"',
    // `ping()` resolves to "PONG"; `disconnect()` closes at once and stops reconnecting
    ping: { method: 'ping', args: [], close: { method: 'disconnect', promise: false } },
  },
  // node-redis v4+ (`createClient`; `client.isOpen`, `client.isReady`; docs: "you MUST
  // listen to error events", an unhandled one exits the process). It reconnects by itself
  // while open; a client that was closed must be connected again. `connect()` resolves to
  // the client (`return this`, since 4.6.8: redis/node-redis#2602), so the README's
  // `await createClient().on('error', ...).connect()` holds the client.
  {
    id: 'redis',
    label: 'node-redis client',
    sources: ['redis', '@redis/client'],
    construction: { form: 'call', paths: [['createClient']] },
    action: 'check',
    unusable: { kind: 'property-false', property: 'isOpen' },
    remedy: 'connect',
    needsErrorListener: true,
    connectResolvesToClient: true,
    reason: 'node-redis must be connected again once closed',
    ping: {
      none: "node-redis queues commands and reconnects by itself while the client is open; its own `pingInterval` option (createClient) keeps an idle connection checked",
    },
  },
  // MongoClient: the driver monitors and re-establishes its connections, and `connect()`
  // on a connected client is a no-op.
  {
    id: 'mongodb',
    label: 'MongoClient',
    sources: ['mongodb'],
    construction: { form: 'new', paths: [['MongoClient']] },
    action: 'reuse',
    reason: 'the MongoDB driver re-establishes its connections, and connect() is a no-op when connected',
  },
  // mongoose (`mongoose.connection.readyState`: 0 disconnected, 1 connected, 2 connecting,
  // 3 disconnecting). The driver underneath reconnects; whether the handler should call
  // `connect()` again depends on how the code waits for the connection, so it is reported.
  {
    id: 'mongoose',
    label: 'mongoose connection',
    sources: ['mongoose'],
    construction: { form: 'call', paths: [['connect'], ['createConnection']] },
    action: 'review',
    reason: 'mongoose reconnects through the MongoDB driver; check `mongoose.connection.readyState === 1` where the handler waits for the connection',
  },
  // knex (`knex(config)`, also the named `knex` export) keeps its own pool (tarn.js) of driver
  // connections. A connection that died while the environment was frozen may be handed out
  // on thaw ("Connection terminated unexpectedly", knex/knex#3636); knex's pool guide advises
  // `min: 0` so that idle connections are closed (the default of 2 keeps them open). knex has
  // no public, cheap check of its pool, so it is reported with that advice.
  {
    id: 'knex',
    label: 'knex instance',
    sources: ['knex'],
    construction: { form: 'call', paths: [[], ['knex']] },
    action: 'review',
    reason:
      "knex's pool may hand out a connection that died while the environment was frozen (\"Connection terminated unexpectedly\"); knex advises `pool: { min: 0 }` so that idle connections are closed, and a first query after a thaw may need a retry. No check is added",
  },
];

function matchesSource(pattern: string | RegExp, source: string): boolean {
  return typeof pattern === 'string' ? pattern === source : pattern.test(source);
}

function matchesPath(pattern: string[], path: string[]): boolean {
  return pattern.length === path.length && pattern.every((segment, i) => segment === '*' || segment === path[i]);
}

/** Packages whose objects hold no connection, so constructing one at module scope is not
 * an unknown client: Powertools' Logger, Tracer and Metrics keep only in-process state
 * (the Tracer talks to the X-Ray daemon over UDP through the runtime, per invocation). */
export const CONNECTIONLESS_SOURCES: RegExp[] = [/^@aws-lambda-powertools\//];

/** Packages whose functions fetch data, not a client: Powertools Parameters (`getSecret`,
 * `getParameter`, `getAppConfig`) returns a secret or a parameter's value. A value kept
 * lazily from one of them is a cache of data (`--cache-ttl` can give it an expiry, so that
 * a rotated secret is read again), not a client kept for reuse. */
export const DATA_SOURCES: RegExp[] = [/^@aws-lambda-powertools\/parameters(?:\/|$)/];

export function fetchesData(source: string): boolean {
  return DATA_SOURCES.some((pattern) => pattern.test(source));
}

export function isConnectionless(source: string): boolean {
  return CONNECTIONLESS_SOURCES.some((pattern) => pattern.test(source));
}

/** The family whose row describes `form` of `path` from `source`, or null. */
export function findClientFamily(source: string, form: 'new' | 'call', path: string[]): ClientFamily | null {
  for (const family of CLIENT_FAMILIES) {
    if (family.construction.form !== form) continue;
    if (!family.sources.some((s) => matchesSource(s, source))) continue;
    if (family.construction.paths.some((p) => matchesPath(p, path))) return family;
  }
  return null;
}
