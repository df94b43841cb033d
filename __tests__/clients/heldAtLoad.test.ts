// An eager client that the module, as it loads, ties to something beyond its listeners and
// its connect() (a command defined on it, a property, an object built around it, an export)
// is kept and reported: a client re-created by a validity check would lack the command, and
// whatever holds the old client would keep using it.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/clients';

const run = (source: string, file = 'handler.js') => applyTransforms(source, file, { transforms: [transform] });
const handler = 'exports.handler = async (event) => redis.get(event.key);\n';

describe('a client held by what the module sets up as it loads', () => {
  it.each([
    ['a command defined on it', "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.defineCommand('capped', { numberOfKeys: 1, lua: 'return 1' });\n" + handler, /`redis\.defineCommand\('capped'.*line 3/],
    ['a property set on it', "const Redis = require('ioredis');\nconst redis = new Redis();\nredis.greet = (name) => `hi ${name}`;\n" + handler, /`redis\.greet = .*line 3/],
    ['an object built around it', "const Redis = require('ioredis');\nconst Cache = require('./cache');\nconst redis = new Redis();\nconst cache = new Cache(redis);\n" + handler, /`const cache = new Cache\(redis\);`, line 4/],
    ['an object the handler uses instead of it', "const Redis = require('ioredis');\nconst cacheRedis = new Redis();\nconst repo = { store: cacheRedis };\nexports.handler = async (event) => repo.store.get(event.key);\n", /`const repo = \{ store: cacheRedis \};`, line 3/],
    ['an export of it', "const Redis = require('ioredis');\nconst redis = new Redis();\n" + handler + 'module.exports.redis = redis;\n', /`module\.exports\.redis = redis;`, line 4/],
  ])('%s: kept and reported', (_label, source, where) => {
    const result = run(source);
    expect(result.error).toBeUndefined();
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['client-not-migrated']);
    expect(result.review[0].message).toMatch(where);
  });

  it('an ES module export of it: kept and reported', () => {
    const result = run("import { Pool } from 'pg';\nconst pool = new Pool();\nexport const handler = async (event) => pool.query('SELECT 1');\nexport { pool };\n", 'handler.mjs');
    expect(result.output).toBeNull();
    expect(result.review[0].message).toMatch(/exported \(line 4\)/);
  });

  it('listeners and connect() at load still move into the factory', () => {
    const result = run("const { Client } = require('pg');\nconst client = new Client();\nclient.on('notice', (n) => console.log(n));\nclient.connect();\nexports.handler = async (event) => client.query('SELECT 1');\n");
    expect(result.review).toEqual([]);
    expect(result.changes.map((c) => c.kind)).toEqual(expect.arrayContaining(['factory', 'validity-check']));
  });
});
