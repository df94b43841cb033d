// `--client-check ping` across a freeze and thaw in which the lost connection shows only
// when it is used (LCS_DOUBLE_SILENT, __tests__/doubles/thaw.js): the local check alone
// cannot see it, so the first request after the thaw fails; with the ping the check finds it
// first and replaces the client, so a warm start answers as a cold one. A connection that
// never answers (a half-open socket) is replaced after the ping's second. The migrated
// TypeScript type-checks against typings shaped like the libraries' own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { simulate, type SimulationResult } from '../../src/simulate';
import { pingHelperIndex, transform } from '../../transforms/clients';
import { typeCheckErrors } from '../typeCheck';

const ROOT = path.join(__dirname, '..', '..');
const double = (name: string) => path.join(ROOT, '__tests__', 'doubles', name);
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, '__testfixtures__', 'clients', name), 'utf8');

interface PingCase {
  name: string;
  source: string;
  extension: string;
  modules: Record<string, string>;
  counted: string;
  /** Constructions in a warm environment whose connection died once, silently. */
  afterOneLoss: number;
}

const CASES: PingCase[] = [
  {
    name: 'pg-client',
    source: `const pg = require('pg');

const client = new pg.Client();
client.connect();

exports.handler = async (event) => {
  const { rows } = await client.query('SELECT total FROM orders WHERE id = $1', [event.id]);
  return rows[0];
};
`,
    extension: '.js',
    modules: { pg: double('pg.js') },
    counted: 'pg.Client',
    afterOneLoss: 2,
  },
  {
    name: 'pg-client-connect-flag',
    source: fixture('pg-client-connect-flag.input.js'),
    extension: '.js',
    modules: { pg: double('pg.js') },
    counted: 'pg.Client',
    afterOneLoss: 2,
  },
  {
    name: 'pg-pool',
    source: `import { Pool } from 'pg';

const pool = new Pool({ max: 1 });

export const handler = async (event) => {
  const result = await pool.query('SELECT name FROM users WHERE id = $1', [event.id]);
  return result.rows;
};
`,
    extension: '.mjs',
    modules: { pg: double('pg.js') },
    counted: 'pg.Pool',
    afterOneLoss: 2,
  },
  {
    name: 'ioredis',
    source: `const Redis = require('ioredis');

const redis = new Redis(process.env.REDIS_URL, { retryStrategy: () => null });

exports.handler = async (event) => ({ value: await redis.get(event.id) });
`,
    extension: '.js',
    modules: { ioredis: double('ioredis.js') },
    counted: 'ioredis',
    afterOneLoss: 2,
  },
  {
    name: 'mysql2-promise-lazy',
    source: fixture('mysql2-lazy-getdb.input.js'),
    extension: '.js',
    modules: { 'mysql2/promise': double('mysql2-promise.js') },
    counted: 'mysql2.connection',
    afterOneLoss: 2,
  },
  {
    name: 'mysql2-callback',
    source: `const mysql = require('mysql2');

const connection = mysql.createConnection({ host: process.env.DB_HOST });

exports.handler = async (event) =>
  new Promise((resolve, reject) => {
    connection.query('SELECT ? AS id', [event.id], (error, rows) => (error ? reject(error) : resolve(rows[0])));
  });
`,
    extension: '.js',
    modules: { mysql2: double('mysql2.js') },
    counted: 'mysql2.connection',
    afterOneLoss: 2,
  },
];

const EVENTS = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

function constructionsWhileWarm(result: SimulationResult, counted: string): number {
  const output = [result.loadOutput[0], ...result.invocations.map((i) => i.warm.output)].join('');
  return output.split('\n').filter((line) => line === `[double] new ${counted}`).length;
}

const warmResults = (result: SimulationResult) => result.invocations.map((i) => i.warm.outcome);
const coldResults = (result: SimulationResult) => result.invocations.map((i) => i.cold.outcome);

describe.each(CASES.map((c) => [c.name, c] as const))('%s with --client-check ping', (_name, c) => {
  const dir = path.join(os.tmpdir(), `lcs-clients-ping-${c.name}-${process.pid}`);
  const file = (label: string) => path.join(dir, `${label}${c.extension}`);
  const run = (label: string, env: Record<string, string>) =>
    simulate({ file: file(label), events: EVENTS, modules: c.modules, env: { LCS_DOUBLE_TRACE: '1', ...env } });
  let pinged: string;

  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    const local = applyTransforms(c.source, `handler${c.extension}`, { transforms: [transform] });
    const ping = applyTransforms(c.source, `handler${c.extension}`, { transforms: [transform], options: { clientCheck: 'ping' } });
    expect([local.error, ping.error]).toEqual([undefined, undefined]);
    pinged = ping.output!;
    fs.writeFileSync(file('input'), c.source);
    fs.writeFileSync(file('local'), local.output!);
    fs.writeFileSync(file('ping'), ping.output!);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a connection that shows its loss only when used: the local check lets the next request fail, the ping replaces it first', async () => {
    const [input, local, ping] = await Promise.all(['input', 'local', 'ping'].map((label) => run(label, { LCS_DOUBLE_SILENT: 'fail' })));
    // what the test is about: the original and the local check fail the second warm request
    expect(warmResults(input)[1].status).not.toBe('ok');
    expect(warmResults(local)[1].status).not.toBe('ok');
    // cold starts are as before; warm starts answer as cold ones
    expect(coldResults(ping)).toEqual(coldResults(input));
    expect(warmResults(ping)).toEqual(coldResults(input));
    expect(constructionsWhileWarm(ping, c.counted)).toBe(c.afterOneLoss);
  });

  it('a connection that never answers (half-open) is replaced after the ping waited a second', async () => {
    const input = await run('input', { LCS_DOUBLE_DROPS: '0' });
    const ping = await run('ping', { LCS_DOUBLE_SILENT: 'hang' });
    expect(warmResults(ping)).toEqual(coldResults(input));
    expect(constructionsWhileWarm(ping, c.counted)).toBe(c.afterOneLoss);
  });

  it('a live connection answers the ping and is kept: one client per environment', async () => {
    const ping = await run('ping', { LCS_DOUBLE_DROPS: '0' });
    expect(constructionsWhileWarm(ping, c.counted)).toBe(1);
    expect(pinged).toContain('answersPing(');
  });
});

describe('where a ping cannot go', () => {
  const migrate = (source: string, file = 'handler.js') =>
    applyTransforms(source, file, { transforms: [transform], options: { clientCheck: 'ping' } });

  it('a handler that is not async keeps the local check, with a review item; no helper is added', () => {
    const result = migrate(fixture('mysql2-namespace-callback.input.mjs'), 'handler.mjs');
    expect(result.output).toContain('if (lostConnections.has(connection)) {');
    expect(result.output).not.toContain('answersPing');
    expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining('handler `handler` is not async, and a ping must be awaited'));
  });

  it('a lazy guard in a function that is not async keeps the local check', () => {
    const result = migrate(fixture('ioredis-named-lazy.input.ts'), 'handler.ts');
    expect(result.output).toContain("if (redis && redis.status === 'end') {");
    expect(result.output).not.toContain('answersPing');
    expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining('not in an async function'));
  });

  it('node-redis gets no ping: the report says why and names its own pingInterval', () => {
    const result = migrate(fixture('redis-top-level-connect.input.mjs'), 'handler.mjs');
    expect(result.output).not.toContain('answersPing');
    expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining('pingInterval'));
  });

  // found while writing the ping: the listeners went onto the promise (`pending.on` is not a
  // function), so the migrated module threw where the original worked
  it.each([
    ['lazily', "const mysql = require('mysql2/promise');\nlet pending;\nexports.handler = async (event) => {\n  if (!pending) pending = mysql.createConnection({});\n  const db = await pending;\n  return db.query('SELECT 1');\n};\n"],
    ['at load', "const mysql = require('mysql2/promise');\nconst pending = mysql.createConnection({});\nexports.handler = async (event) => {\n  const db = await pending;\n  return db.query('SELECT 1');\n};\n"],
  ])('a binding that holds the promise of a mysql2/promise connection (%s) is left as it is and reported', (_when, source) => {
    for (const options of [{}, { clientCheck: 'ping' as const }]) {
      const result = applyTransforms(source, 'handler.js', { transforms: [transform], options });
      expect(result.output).toBeNull();
      expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining("`pending` holds the promise that 'mysql2/promise' returns"));
    }
  });

  it('without --client-check ping nothing pings, and a second run over pinged code changes nothing', () => {
    const source = CASES[0].source;
    expect(applyTransforms(source, 'handler.js', { transforms: [transform] }).output).not.toContain('answersPing');
    const once = migrate(source).output!;
    expect(migrate(once).output).toBeNull();
    expect(applyTransforms(once, 'handler.js', { transforms: [transform] }).output).toBeNull();
  });

  it('the helper takes a free name', () => {
    const source = CASES[0].source + '\nfunction answersPing() {}\n';
    const output = migrate(source).output!;
    expect(output).toContain('async function answersPing2(client, ping) {');
    expect(output).toContain('!(await answersPing2(client, (client) => client.query(');
  });
});

const TYPINGS = `declare module 'pg' {
  export interface QueryResult<R = any> { rows: R[] }
  export class Client {
    constructor(config?: { connectionString?: string });
    connect(): Promise<void>;
    query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
    on(event: 'error' | 'end', listener: (...args: any[]) => void): this;
  }
  export class Pool {
    constructor(config?: { max?: number });
    ending: boolean;
    readonly idleCount: number;
    query<R = any>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
    end(): Promise<void>;
    on(event: 'error', listener: (error: Error) => void): this;
  }
}
declare module 'mysql2' {
  export interface QueryError extends Error { code: string }
  export interface Connection {
    query(sql: string, values: unknown[], callback: (error: QueryError | null, rows: any) => any): void;
    ping(callback?: (error: QueryError | null) => any): void;
    destroy(): void;
    on(event: string, listener: (...args: any[]) => void): this;
  }
  export function createConnection(config: { host?: string }): Connection;
}
declare module 'mysql2/promise' {
  export interface Connection {
    query(sql: string, values?: unknown[]): Promise<[any, any]>;
    ping(): Promise<void>;
    destroy(): void;
    on(event: string, listener: (...args: any[]) => void): this;
  }
  export function createConnection(config: { host?: string }): Promise<Connection>;
}
declare module 'ioredis' {
  export default class Redis {
    constructor(url?: string);
    status: 'wait' | 'connecting' | 'connect' | 'ready' | 'close' | 'reconnecting' | 'end';
    get(key: string): Promise<string | null>;
    ping(): Promise<'PONG'>;
    disconnect(): void;
  }
}
`;

const TYPED: Record<string, string> = {
  pgClient: "import { Client } from 'pg';\n\nconst client = new Client({ connectionString: process.env.DATABASE_URL });\nclient.connect();\n\nexport const handler = async (event: { id: string }) => (await client.query<{ total: number }>('SELECT total FROM orders WHERE id = $1', [event.id])).rows[0];\n",
  pgPool: "import { Pool } from 'pg';\n\nconst pool: Pool = new Pool({ max: 1 });\n\nexport async function handler(event: { id: string }) {\n  return (await pool.query('SELECT 1 WHERE $1::text IS NOT NULL', [event.id])).rows;\n}\n",
  mysqlCallback: "import mysql from 'mysql2';\n\nconst connection = mysql.createConnection({ host: process.env.DB_HOST });\n\nexport const handler = async (event: { id: string }) =>\n  new Promise((resolve, reject) => {\n    connection.query('SELECT ? AS id', [event.id], (error, rows) => (error ? reject(error) : resolve(rows[0])));\n  });\n",
  mysqlLazy: "import mysql, { type Connection } from 'mysql2/promise';\n\nlet db: Connection | undefined;\n\nasync function getDb(): Promise<Connection> {\n  if (!db) {\n    db = await mysql.createConnection({ host: process.env.DB_HOST });\n  }\n  return db;\n}\n\nexport const handler = async (event: { id: string }) => (await getDb()).query('SELECT ?', [event.id]);\n",
  ioredis: "import Redis from 'ioredis';\n\nconst redis = new Redis(process.env.REDIS_URL);\n\nexport const handler = async (event: { id: string }) => ({ value: await redis.get(event.id) });\n",
};

it('the migrated TypeScript type-checks (tsc --strict), the helper typed', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-clients-ping-types-'));
  try {
    const typing = path.join(dir, 'libraries.d.ts');
    fs.writeFileSync(typing, TYPINGS);
    const originals = Object.entries(TYPED).map(([name, source]) => {
      const file = path.join(dir, `${name}.original.ts`);
      fs.writeFileSync(file, source);
      return file;
    });
    // the originals type-check: a complaint below comes from the migration
    expect(typeCheckErrors([typing, ...originals], dir)).toBe('');
    const migrated = Object.entries(TYPED).map(([name, source]) => {
      const result = applyTransforms(source, `${name}.ts`, { transforms: [transform], options: { clientCheck: 'ping' } });
      expect([name, result.error, result.output]).toEqual([name, undefined, expect.stringContaining('answersPing<T>(client: T, ping: (client: T) => Promise<unknown>): Promise<boolean>')]);
      const file = path.join(dir, `${name}.ts`);
      fs.writeFileSync(file, result.output!);
      return file;
    });
    expect(typeCheckErrors([typing, ...migrated], dir)).toBe('');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

// Teams that ran with `--client-check ping` before it existed got local checks; running again
// with ping upgrades those in place, to what a first run with ping writes.
describe('--client-check ping over code an earlier run migrated without it', () => {
  const run = (source: string, file: string, clientCheck?: 'ping') =>
    applyTransforms(source, file, { transforms: [transform], options: clientCheck ? { clientCheck } : {} });
  const typed = (name: string) => [`typed ${name}`, TYPED[name], `${name}.ts`] as const;

  it.each([
    ...CASES.map((c) => [c.name, c.source, `handler${c.extension}`] as const),
    ...Object.keys(TYPED).map(typed),
  ])('%s: the local check gets the ping in place, as a first run with ping writes it', (_name, source, file) => {
    const local = run(source, file).output!;
    expect(local).not.toContain('answersPing');
    const upgraded = run(local, file, 'ping');
    expect(upgraded.error).toBeUndefined();
    expect(upgraded.output).toBe(run(source, file, 'ping').output);
    expect(upgraded.changes.map((c) => c.message)).toContainEqual(expect.stringContaining('upgraded in place'));
    expect(upgraded.review.filter((f) => f.kind === 'ping-skipped')).toEqual([]);
    // and a further run with ping finds nothing left to do
    expect(run(upgraded.output!, file, 'ping').output).toBeNull();
  });

  it.each([
    ['a handler that is not async (mysql2 callback connection)', fixture('mysql2-namespace-callback.input.mjs'), 'handler.mjs'],
    ['a lazy guard in a function that is not async (ioredis)', fixture('ioredis-named-lazy.input.ts'), 'handler.ts'],
    [
      'a callback handler beside an async one, where re-creating needs await (pg Client)',
      "const pg = require('pg');\n\nconst client = new pg.Client();\nclient.connect();\n\nexports.handler = async (event) => (await client.query('SELECT $1::text', [event.id])).rows;\n\nexports.legacy = (event, context, callback) => {\n  client.query('SELECT now()', (error, result) => callback(error, result && result.rows[0]));\n};\n",
      'handler.js',
    ],
    ['node-redis, which gets no ping', fixture('redis-top-level-connect.input.mjs'), 'handler.mjs'],
  ])('%s: the code and the review items are those of a first run with ping', (_name, source, file) => {
    const direct = run(source, file, 'ping');
    const local = run(source, file).output!;
    const again = run(local, file, 'ping');
    expect(again.output ?? local).toBe(direct.output);
    const pingItems = (review: typeof direct.review) => review.filter((f) => /ping|async/.test(f.message)).map((f) => f.message);
    expect(pingItems(direct.review).length).toBeGreaterThan(0);
    expect(pingItems(again.review)).toEqual(pingItems(direct.review));
  });

  it('an eager check edited by hand is left alone and reported: not recognised, no ping added', () => {
    const local = run(CASES[0].source, 'handler.js').output!;
    const edited = local.replace('if (lostConnections.has(client)) {', 'if (lostConnections.has(client) || process.env.FORCE_NEW) {');
    expect(edited).not.toBe(local);
    const result = run(edited, 'handler.js', 'ping');
    expect(result.output).toBeNull();
    expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining('the check of pg Client `client` in handler `handler` is not the one lambda-clean-slate wrote'));
  });

  // found by a review: an edited statement in the body passed for the tool's own (every
  // expression statement compared equal), and the user's code was replaced
  it.each([
    ['a statement of the body', (local: string) => local.replace('    pool = createPool();\n', '    await alertOps("pool ended");\n')],
    ['the re-creation itself', (local: string) => local.replace('    pool = createPool();\n', '    pool = createPool({ max: 1 });\n')],
  ])('an eager check whose body was edited by hand (%s) is left alone and reported', (_what, edit) => {
    const source = CASES.find((c) => c.name === 'pg-pool')!.source;
    const local = run(source, 'handler.mjs').output!;
    const edited = edit(local);
    expect(edited).not.toBe(local);
    const result = run(edited, 'handler.mjs', 'ping');
    expect(result.output).toBeNull();
    expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining('is not the one lambda-clean-slate wrote'));
  });

  it("a pg Pool check an earlier release's ping wrote (pinged whether or not the pool had an idle client) is brought up to date in place", () => {
    const source = CASES.find((c) => c.name === 'pg-pool')!.source;
    const today = run(source, 'handler.mjs', 'ping').output!;
    const current = "if (pool.ending || (pool.idleCount > 0 && !(await answersPing(pool, (pool) => pool.query('SELECT 1'))))) {";
    expect(today).toContain(current);
    const earlier = today.replace(current, "if (pool.ending || !(await answersPing(pool, (pool) => pool.query('SELECT 1')))) {");
    const result = run(earlier, 'handler.mjs', 'ping');
    expect(result.output).toBe(today);
    expect(result.review.filter((f) => f.kind === 'ping-skipped')).toEqual([]);
    expect(result.changes.map((c) => c.message)).toContainEqual(expect.stringContaining('brought up to date: a pg Pool is pinged only while it has an idle client'));
  });

  it('a lazy check edited by hand is left alone and reported', () => {
    const local = run(CASES.find((c) => c.name === 'mysql2-promise-lazy')!.source, 'handler.js').output!;
    const edited = local.replace('if (db && lostConnections.has(db)) {', 'if (db && (lostConnections.has(db) || process.env.FORCE_NEW)) {');
    expect(edited).not.toBe(local);
    const result = run(edited, 'handler.js', 'ping');
    expect(result.output).toBeNull();
    expect(result.review.map((f) => f.message)).toContainEqual(expect.stringContaining('the check of mysql2 connection `db` in front of the guard that creates it'));
  });

  it('in a module whose other client already pings, the local check is upgraded and calls the helper that is there', () => {
    const source = `const pg = require('pg');
const Redis = require('ioredis');

const client = new pg.Client();
client.connect();
const redis = new Redis(process.env.REDIS_URL);

exports.handler = async (event) => ({ row: await client.query('SELECT 1'), value: await redis.get(event.id) });
`;
    const direct = run(source, 'handler.js', 'ping').output!;
    // a module whose pg check pings and whose ioredis check does not (edited back by hand)
    const half = direct.replace("redis.status === 'end' || !(await answersPing(redis, (redis) => redis.ping()))", "redis.status === 'end'").replace('    redis.disconnect();\n', '');
    expect(half).not.toBe(direct);
    const result = run(half, 'handler.js', 'ping');
    expect(result.review.filter((f) => f.kind === 'ping-skipped')).toEqual([]);
    expect(result.output).toBe(direct);
  });
});

describe('where the ping helper goes', () => {
  it('right after the imports when none of the statements it must come before is in the module', () => {
    const j = jscodeshiftFor('babel');
    const body = j("const pg = require('pg');\nconst { Pool } = require('pg').native;\nlet client = make();\n").find(j.Program).get().node.body;
    expect(pingHelperIndex(body, [{ type: 'FunctionDeclaration' }])).toBe(2);
    expect(pingHelperIndex(body, [{ type: 'FunctionDeclaration' }, body[2]])).toBe(2);
    expect(pingHelperIndex(body, [])).toBe(2);
  });
});

// pg Pool closes idle clients after idleTimeoutMillis, and a query with none idle opens a new
// connection: that cannot be stale, and the ping's second would include connecting.
describe('pg Pool with --client-check ping pings only when it has an idle client to hand out', () => {
  const c = CASES.find((k) => k.name === 'pg-pool')!;
  const dir = path.join(os.tmpdir(), `lcs-clients-ping-idle-${process.pid}`);
  const file = path.join(dir, `ping${c.extension}`);
  const run = (env: Record<string, string>) => simulate({ file, events: EVENTS, modules: c.modules, env: { LCS_DOUBLE_TRACE: '1', ...env } });
  const pings = (result: SimulationResult) =>
    [result.loadOutput[0], ...result.invocations.map((i) => i.warm.output)].join('').split('\n').filter((line) => line === '[double] pg.Pool query SELECT 1').length;

  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    const migrated = applyTransforms(c.source, `handler${c.extension}`, { transforms: [transform], options: { clientCheck: 'ping' } });
    expect(migrated.output).toContain('if (pool.ending || (pool.idleCount > 0 && !(await answersPing(pool, (pool) => pool.query(\'SELECT 1\'))))) {');
    fs.writeFileSync(file, migrated.output!);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('frozen past idleTimeoutMillis between invocations: no idle client, no ping, the pool kept', async () => {
    const result = await run({ LCS_DOUBLE_DROPS: '0', LCS_DOUBLE_IDLE_MS: '60000' });
    expect(warmResults(result).map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(pings(result)).toBe(0);
    expect(constructionsWhileWarm(result, c.counted)).toBe(1);
  });

  it('an idle client is pinged (not on the first invocation, before any query)', async () => {
    const result = await run({ LCS_DOUBLE_DROPS: '0' });
    expect(pings(result)).toBe(EVENTS.length - 1);
    expect(constructionsWhileWarm(result, c.counted)).toBe(1);
  });

  it('a silently dead idle client is still found by the ping and the pool replaced; one the pool closed when idle needs none', async () => {
    const [kept, closed] = await Promise.all([run({ LCS_DOUBLE_SILENT: 'fail' }), run({ LCS_DOUBLE_SILENT: 'fail', LCS_DOUBLE_IDLE_MS: '60000' })]);
    for (const result of [kept, closed]) expect(warmResults(result).map((r) => r.status)).toEqual(['ok', 'ok', 'ok']);
    expect(constructionsWhileWarm(kept, c.counted)).toBe(c.afterOneLoss);
    expect([pings(closed), constructionsWhileWarm(closed, c.counted)]).toEqual([0, 1]);
  });
});
