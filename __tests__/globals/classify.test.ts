// classifyModuleBinding: every row of the spec's table, and the cases that must not be
// taken for state (client methods, shadowing locals, changes made only while loading).
import { collectModuleBindings, classifyModuleBinding, classifyModuleBindings } from '../../src/analysis/bindings';
import { findHandlers } from '../../src/analysis/handlers';
import { jscodeshiftFor, parserFor } from '../../src/analysis/parser';

function kinds(source: string, file = 'index.js'): Record<string, string> {
  const j = jscodeshiftFor(parserFor(file)!);
  const root = j(source);
  const bindings = collectModuleBindings(j, root, findHandlers(j, root));
  return Object.fromEntries(bindings.map((b) => [b.name, classifyModuleBinding(j, b).kind]));
}

describe('classifyModuleBinding', () => {
  it.each([
    ['imports and requires', "import fs from 'fs';\nconst path = require('path');\nconst { join } = require('path');\nexport const handler = async (event) => fs.readFileSync(join(path.sep))", { fs: 'import', path: 'import', join: 'import' }],
    ['functions and classes', 'function helper() {}\nconst arrow = () => 1;\nclass Store {}\nexports.handler = async (event) => helper(arrow(new Store()))', { helper: 'function', arrow: 'function', Store: 'class' }],
    ['constants', "const TABLE = process.env.TABLE;\nconst LIMITS = Object.freeze({ max: 1 });\nconst NAME = 'x';\nlet retries = 3;\nexports.handler = async (event) => [TABLE, LIMITS.max, NAME, retries]", { TABLE: 'constant', LIMITS: 'constant', NAME: 'constant', retries: 'constant' }],
    ['clients made by package code', "const { S3Client } = require('@aws-sdk/client-s3');\nconst { DynamoDBDocumentClient } = require('@aws-sdk/lib-dynamodb');\nconst mysql = require('mysql2/promise');\nimport { createClient } from 'redis';\nconst s3 = new S3Client({});\nconst doc = DynamoDBDocumentClient.from(s3);\nconst pool = mysql.createPool({});\nconst redis = createClient();\nexports.handler = async (event) => { await redis.set('a', 1); redis.clear(); return [s3, doc, pool]; }", { s3: 'client', doc: 'client', pool: 'client', redis: 'client' }],
    ['lazy caches in every guard form', 'let a; let b = null; let c; let d; let e;\nasync function getA() { if (!a) { a = await load(); } return a; }\nexports.handler = async (event) => {\n  await getA();\n  if (b === null) b = 1;\n  c ??= 2;\n  const x = d || (d = 3);\n  if (typeof e === "undefined") e = 4;\n  return [a, b, c, x, e];\n}', { a: 'lazy-cache', b: 'lazy-cache', c: 'lazy-cache', d: 'lazy-cache', e: 'lazy-cache' }],
    ['a lazy cache filled after an early return', 'let config;\nasync function getConfig() { if (config) return config; config = await load(); return config; }\nexports.handler = async (event) => getConfig()', { config: 'lazy-cache' }],
    ['a connection flag', "const { Client } = require('pg');\nconst client = new Client();\nlet connected = false;\nexports.handler = async (event) => { if (!connected) { await client.connect(); connected = true; } }", { client: 'client', connected: 'connection-flag' }],
    ['mutable state of every shape', 'const seen = new Set();\nlet count = 0;\nconst session = { user: null };\nvar list = [];\nconst hits = new Map();\nconst deep = { a: { b: {} } };\nconst gone = { k: 1 };\nexports.handler = async (event) => {\n  seen.add(event.id);\n  count++;\n  session.user = event.user;\n  list = list.concat([1]);\n  hits.set(1, 2);\n  deep.a.b.c = 1;\n  delete gone.k;\n}', { seen: 'state', count: 'state', session: 'state', list: 'state', hits: 'state', deep: 'state', gone: 'state' }],
    ['mutation inside callbacks and through helpers of helpers', 'const seen = new Set();\nconst log = [];\nfunction inner(x) { log.push(x); }\nfunction outer(x) { inner(x); }\nexports.handler = async (event) => { event.items.forEach((i) => seen.add(i)); outer(1); }', { seen: 'state', log: 'state' }],
    ['a local that shadows the global is not the global', 'const items = [];\nexports.handler = async (event) => { const items = []; items.push(1); { let other; } return items; }', { items: 'constant' }],
    ['a block-local shadow elsewhere in the function does not hide a use of the global', 'const items = [];\nexports.handler = async (event) => { if (event.x) { const items = []; items.push(0); } items.push(1); }', { items: 'state' }],
    ['aliasing and unknown functions are reported, not guessed', 'const seen = new Set();\nconst opts = { a: 1 };\nexports.handler = async (event) => { const s = seen; s.add(1); configure(opts); }', { seen: 'escapes', opts: 'escapes' }],
    [
      'holders of clients by key',
      "const { Pool } = require('pg');\nconst { S3Client } = require('@aws-sdk/client-s3');\nconst pools = {};\nconst regions = new Map();\nconst seen = {};\nfunction poolFor(t) { if (!pools[t]) pools[t] = new Pool({ database: t }); return pools[t]; }\nfunction s3For(r) { let c = regions.get(r); if (!c) { c = new S3Client({ region: r }); regions.set(r, c); } return c; }\nexports.handler = async (event) => { seen[event.id] = new Date(); return [poolFor(event.tenant), s3For(event.region)]; }",
      { pools: 'client-holder', regions: 'client-holder', seen: 'state' },
    ],
    [
      'a lazily made promise of a client created beside it',
      "import { createClient } from 'redis';\nlet clientPromise;\nfunction getClient() { if (!clientPromise) { const client = createClient(); clientPromise = client.connect().then(() => client); } return clientPromise; }\nexport const handler = async (event) => (await getClient()).get(event.key);",
      { clientPromise: 'lazy-cache' },
    ],
    ['read-only use of containers is constant', "const TAGS = ['a'];\nconst MAP = new Map([[1, 2]]);\nexports.handler = async (event) => ({ tags: TAGS.map((t) => t.toUpperCase()), has: MAP.has(1), json: JSON.stringify(TAGS), copy: [...TAGS] })", { TAGS: 'constant', MAP: 'constant' }],
  ])('%s', (_label, source, expected) => {
    expect(kinds(source)).toMatchObject(expected);
  });

  it('keeps TypeScript declarations apart from their types', () => {
    expect(kinds('interface Item { id: string }\nconst cart: Item[] = [];\nexport const handler = async (event: { item: Item }) => { cart.push(event.item); return cart.length; };', 'index.ts')).toMatchObject({ cart: 'state' });
  });
});

describe('classifyModuleBindings: what changes only inside a lazy initialisation belongs to the cache', () => {
  function classes(source: string, file = 'index.js'): Record<string, string> {
    const j = jscodeshiftFor(parserFor(file)!);
    const root = j(source);
    const bindings = collectModuleBindings(j, root, findHandlers(j, root));
    return Object.fromEntries([...classifyModuleBindings(j, root, bindings)].map(([b, c]) => [b.name, c.kind === 'lazy-cache' && c.loadedUnder ? `lazy-cache under ${c.loadedUnder.text}` : c.kind]));
  }

  it.each([
    [
      'a flag after an early return, and what it guards',
      'let config = null;\nlet initialized = false;\nasync function init() {\n  if (initialized) return;\n  config = await fetchConfig();\n  initialized = true;\n}\nexports.handler = async (event) => { await init(); return config; }',
      { config: 'lazy-cache under if (initialized) return', initialized: 'lazy-cache under if (initialized) return' },
    ],
    [
      'a flag that guards a branch',
      'let ready = false;\nlet setups = 0;\nexports.handler = async (event) => { if (!ready) { setups++; ready = true; } return setups; }',
      { ready: 'lazy-cache under if (!ready)', setups: 'lazy-cache under if (!ready)' },
    ],
    [
      'a counter in a loader called only from `??=`',
      'let settings;\nlet loads = 0;\nasync function load() { loads++; return {}; }\nexports.handler = async (event) => { settings ??= await load(); return loads; }',
      { settings: 'lazy-cache', loads: 'lazy-cache under settings ??= await load()' },
    ],
    [
      'a counter under an existence check of a static path',
      "const fs = require('fs');\nlet downloads = 0;\nexports.handler = async (event) => { if (!fs.existsSync('/tmp/model.bin')) { fs.writeFileSync('/tmp/model.bin', 'x'); downloads += 1; } return downloads; }",
      { downloads: "lazy-cache under if (!fs.existsSync('/tmp/model.bin'))" },
    ],
    [
      'an emptying in a catch only undoes a failed load',
      'let client = null;\nlet connects = 0;\nexports.handler = async (event) => { if (!client) { try { connects++; client = await open(); } catch (e) { client = null; throw e; } } return connects; }',
      { client: 'lazy-cache', connects: 'lazy-cache under if (!client)' },
    ],
  ])('%s', (_label, source, expected) => {
    expect(classes(source)).toMatchObject(expected);
  });

  it.each([
    ['a flag emptied again by the code it guards is a lock', 'let busy = false;\nlet count = 0;\nexports.handler = async (event) => { if (!busy) { busy = true; count++; busy = false; } return count; }', { busy: 'state', count: 'state' }],
    ['a flag emptied at the top of the handler guards nothing', 'let ready = false;\nlet setups = 0;\nexports.handler = async (event) => { ready = false; if (!ready) { setups++; ready = true; } return setups; }', { setups: 'state' }],
    ['a change outside the region too', 'let settings;\nlet loads = 0;\nasync function load() { loads++; return {}; }\nexports.handler = async (event) => { settings ??= await load(); loads++; return loads; }', { loads: 'state' }],
    ['a loader also called outside the region', 'let settings;\nlet loads = 0;\nasync function load() { loads++; return {}; }\nexports.handler = async (event) => { settings ??= await load(); await load(); return loads; }', { loads: 'state' }],
    ['a guard on the event is not a cache', 'let hits = 0;\nexports.handler = async (event) => { if (!event.cached) hits++; return hits; }', { hits: 'state' }],
    ['an existence check of a dynamic path', "const fs = require('fs');\nlet downloads = 0;\nexports.handler = async (event) => { if (!fs.existsSync(`/tmp/${event.key}`)) downloads += 1; return downloads; }", { downloads: 'state' }],
    ['a guard that is itself per-request state', 'let user = null;\nlet visits = 0;\nexports.handler = async (event) => { user = event.user; if (!user) visits++; return visits; }', { visits: 'state' }],
  ])('not when %s', (_label, source, expected) => {
    expect(classes(source)).toMatchObject(expected);
  });
});
