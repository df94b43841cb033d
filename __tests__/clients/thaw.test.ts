// Behaviour across a simulated freeze and thaw: each handler runs through `simulate` before
// and after the `clients` transform, against test doubles (__tests__/doubles) whose server
// closes an idle connection in the gap between two invocations (where simulate, like
// Lambda's runtime, lets the event loop turn). The migrated handler must behave warm as the
// original behaves cold, must not crash on the lost connection's 'error', and must create
// its client once per environment, re-creating it only after the connection was lost.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { checkMigrationBehaviour, simulate, type BehaviourReport, type SimulationResult } from '../../src/simulate';
import { transform } from '../../transforms/clients';

const ROOT = path.join(__dirname, '..', '..');
const double = (name: string) => path.join(ROOT, '__tests__', 'doubles', name);
const fixture = (name: string) => fs.readFileSync(path.join(ROOT, '__testfixtures__', 'clients', name), 'utf8');

interface ThawCase {
  name: string;
  source: string;
  /** The handler file's extension (how it is parsed and loaded). */
  extension: string;
  modules: Record<string, string>;
  /** The class the double counts for this client. */
  counted: string;
  /** Constructions in a warm environment whose connection was lost once: 2 when the client
   * itself is replaced, 1 for a pool (which only replaces the idle client that failed) and
   * for a client that reconnects by itself. */
  afterOneLoss: number;
}

const CASES: ThawCase[] = [
  {
    name: 'pg-client-connect-flag',
    source: fixture('pg-client-connect-flag.input.js'),
    extension: '.js',
    modules: { pg: double('pg.js') },
    counted: 'pg.Client',
    afterOneLoss: 2,
  },
  {
    name: 'pg-client-connect-at-load',
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
    name: 'pg-pool',
    source: `const { Pool } = require('pg');

const pool = new Pool({ max: 1 });

exports.handler = async (event) => {
  const result = await pool.query('SELECT name FROM users WHERE id = $1', [event.id]);
  return result.rows;
};
`,
    extension: '.js',
    modules: { pg: double('pg.js') },
    counted: 'pg.Pool',
    afterOneLoss: 1,
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
    name: 'mysql2-lazy-getdb',
    source: fixture('mysql2-lazy-getdb.input.js'),
    extension: '.js',
    modules: { 'mysql2/promise': double('mysql2-promise.js') },
    counted: 'mysql2.connection',
    afterOneLoss: 2,
  },
  {
    name: 'mysql2-namespace-callback',
    source: fixture('mysql2-namespace-callback.input.mjs'),
    extension: '.mjs',
    modules: { mysql2: double('mysql2.js') },
    counted: 'mysql2.connection',
    afterOneLoss: 2,
  },
  {
    name: 'redis-top-level-connect',
    source: fixture('redis-top-level-connect.input.mjs'),
    extension: '.mjs',
    modules: { redis: double('redis.js') },
    counted: 'redis.client',
    afterOneLoss: 1,
  },
  {
    name: 'redis-without-reconnect',
    source: `const { createClient } = require('redis');

const cache = createClient({ socket: { reconnectStrategy: false } });
const ready = cache.connect();

exports.handler = async (event) => {
  await ready;
  return cache.get(event.id);
};
`,
    extension: '.js',
    modules: { redis: double('redis.js') },
    counted: 'redis.client',
    afterOneLoss: 1,
  },
];

const EVENTS = [
  { id: 'a', sku: 'a', n: 1, userId: 'a' },
  { id: 'b', sku: 'b', n: 2, userId: 'b' },
  { id: 'c', sku: 'c', n: 3, userId: 'c' },
];

/** How many times the double constructed `counted` in the warm environment. */
function constructionsWhileWarm(result: SimulationResult, counted: string): number {
  const output = [result.loadOutput[0], ...result.invocations.map((i) => i.warm.output)].join('');
  return output.split('\n').filter((line) => line === `[double] new ${counted}`).length;
}

describe.each(CASES.map((c) => [c.name, c] as const))('%s across a freeze and thaw', (_name, c) => {
  const dir = path.join('/tmp', `lcs-clients-thaw-${c.name}-${process.pid}`);
  const inputFile = path.join(dir, `input${c.extension}`);
  const outputFile = path.join(dir, `output${c.extension}`);
  let report: BehaviourReport;

  beforeAll(async () => {
    const migrated = applyTransforms(c.source, `handler${c.extension}`, { transforms: [transform] });
    expect(migrated.error).toBeUndefined();
    expect(migrated.output).not.toBeNull();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(inputFile, c.source);
    fs.writeFileSync(outputFile, migrated.output!);
    report = await checkMigrationBehaviour({ input: inputFile, output: outputFile, events: EVENTS, leaks: true, modules: c.modules });
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the original fails on the invocation after the connection was lost (the leak)', () => {
    const [first, second] = report.input.invocations;
    expect(first.same).toBe(true);
    expect(second.cold.outcome.status).toBe('ok');
    expect(second.warm.outcome.status).not.toBe('ok');
  });

  it('cold starts behave as before, and a warm start behaves like a cold one', () => {
    expect(report.failures).toEqual([]);
  });

  // an uncaught 'error' ends the environment: the invocations after it would be not-run
  it("survives the lost connection's 'error': every warm invocation answers", () => {
    expect(report.output.invocations.map((i) => i.warm.outcome.status)).toEqual(['ok', 'ok', 'ok']);
  });

  it('creates the client once per environment and again only after the connection was lost', async () => {
    const run = (drops: number) =>
      simulate({ file: outputFile, events: EVENTS, modules: c.modules, env: { LCS_DOUBLE_DROPS: String(drops), LCS_DOUBLE_TRACE: '1' } });
    const [withoutLoss, withOneLoss] = await Promise.all([run(0), run(1)]);
    expect(constructionsWhileWarm(withoutLoss, c.counted)).toBe(1);
    expect(constructionsWhileWarm(withOneLoss, c.counted)).toBe(c.afterOneLoss);
  });
});
