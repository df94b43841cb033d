// Behaviour across a simulated freeze and thaw: each handler runs before and after the
// `clients` transform against test doubles (__tests__/doubles) whose server closes an idle
// connection between two invocations. The migrated handler must behave warm as the
// original behaves cold, must not crash on the lost connection's 'error', and must create
// its client once per environment, re-creating it only after the connection was lost.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/clients';

const ROOT = path.join(__dirname, '..', '..');
const RUNNER = path.join(__dirname, 'runEnvironment.js');
const double = (name: string) => path.join(ROOT, '__tests__', 'doubles', name);

interface EnvironmentResult {
  results: unknown[];
  crashed: string | null;
  constructed: Record<string, number>;
}

function runEnvironment(file: string, modules: Record<string, string>, events: unknown[], drops = 1): EnvironmentResult {
  const out = execFileSync(process.execPath, [RUNNER, file, JSON.stringify(modules), JSON.stringify(events)], {
    encoding: 'utf8',
    env: { ...process.env, LCS_DOUBLE_DROPS: String(drops), NODE_OPTIONS: '' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

interface ThawCase {
  name: string;
  source: string;
  modules: Record<string, string>;
  /** The class the double counts for this client. */
  counted: string;
  /** Constructions in a warm environment whose connection was lost once: 2 when the client
   * itself is replaced, 1 for a pool, which only replaces the idle client that failed. */
  afterOneLoss: number;
}

const fixture = (name: string) => fs.readFileSync(path.join(ROOT, '__testfixtures__', 'clients', name), 'utf8');

const CASES: ThawCase[] = [
  {
    name: 'pg-client-connect-flag',
    source: fixture('pg-client-connect-flag.input.js'),
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
    modules: { ioredis: double('ioredis.js') },
    counted: 'ioredis',
    afterOneLoss: 2,
  },
  {
    name: 'mysql2-lazy-getdb',
    source: fixture('mysql2-lazy-getdb.input.js'),
    modules: { 'mysql2/promise': double('mysql2-promise.js') },
    counted: 'mysql2.connection',
    afterOneLoss: 2,
  },
];

const EVENTS = [{ id: 'a', sku: 'a' }, { id: 'b', sku: 'b' }, { id: 'c', sku: 'c' }];

describe.each(CASES.map((c) => [c.name, c] as const))('%s across a freeze and thaw', (_name, c) => {
  const dir = path.join('/tmp', `lcs-clients-thaw-${c.name}-${process.pid}`);
  const inputFile = path.join(dir, 'input.js');
  const outputFile = path.join(dir, 'output.js');

  beforeAll(() => {
    const migrated = applyTransforms(c.source, 'handler.js', { transforms: [transform] });
    expect(migrated.error).toBeUndefined();
    expect(migrated.output).not.toBeNull();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(inputFile, c.source);
    fs.writeFileSync(outputFile, migrated.output!);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cold = (file: string) => EVENTS.map((event) => runEnvironment(file, c.modules, [event]).results[0]);

  it('the original fails on the invocation after the connection was lost (the leak)', () => {
    expect(runEnvironment(inputFile, c.modules, EVENTS).results).not.toEqual(cold(inputFile));
  });

  it('cold starts behave as before, and a warm start behaves like a cold one', () => {
    const before = cold(inputFile);
    expect(cold(outputFile)).toEqual(before);
    const warm = runEnvironment(outputFile, c.modules, EVENTS);
    expect(warm.crashed).toBeNull();
    expect(warm.results).toEqual(before);
  });

  it('creates the client once per environment and again only after the connection was lost', () => {
    expect(runEnvironment(outputFile, c.modules, EVENTS, 0).constructed[c.counted]).toBe(1);
    expect(runEnvironment(outputFile, c.modules, EVENTS, 1).constructed[c.counted]).toBe(c.afterOneLoss);
  });
});
