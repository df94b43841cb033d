// A deliberate cache by key (a memo Map, a per-key TTL cache on an object) is kept across
// invocations, as a lazy cache is, and reported as a keyed cache: emptying it at the top of the
// handler would turn every request into a call to the backend. State that only looks like one
// (a dedupe Map whose hit returns a constant, a counter, entries changed in place, a map
// written but never read back) is still migrated.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

function run(source: string, options: Record<string, unknown> = {}, file = 'index.js') {
  const result = applyTransforms(source, file, { transforms: [transform], options });
  expect(result.error).toBeUndefined();
  return result;
}

/** Kept (no change at all) and reported once as a keyed cache; its message. */
function keptAsKeyedCache(source: string, options: Record<string, unknown> = {}, file = 'index.js'): string {
  const result = run(source, options, file);
  expect(result.output).toBeNull();
  expect(result.changes).toEqual([]);
  expect(result.review.map((r) => r.kind)).toEqual(['keyed-cache']);
  return result.review[0].message;
}

/** Migrated as before: moved into the handler or reset at its top. */
function migrated(source: string): string {
  const result = run(source);
  expect(result.review.filter((r) => r.kind === 'keyed-cache')).toEqual([]);
  expect(result.changes.map((c) => c.kind).some((k) => k === 'reset' || k === 'move')).toBe(true);
  return result.output!;
}

const memoMap = `const cache = new Map();
async function lookup(id) {
  if (cache.has(id)) return cache.get(id);
  const v = { id, at: Date.now() };
  cache.set(id, v);
  return v;
}
export const handler = async (event) => lookup(event.id);
`;

const ttlObject = `var TTL = 60000; var cache = {};
function lookup(key) { var hit = cache[key]; if (hit && hit.exp > Date.now()) return hit.value;
  var value = key.toUpperCase(); cache[key] = { value: value, exp: Date.now() + TTL }; return value; }
exports.handler = async function (event) { return { v: lookup(event.id) }; };
`;

describe('a cache by key', () => {
  it('a memo Map (if (cache.has(id)) return cache.get(id)) is kept and reported, not reset', () => {
    const message = keptAsKeyedCache(memoMap, {}, 'handler.mjs');
    expect(message).toBe(
      '`cache` is a keyed cache (`if (cache.has(id)) return cache.get(id);`, line 3), kept across invocations on purpose: entries that earlier requests stored are served to later ones; review it if they must not be (user-specific data, for one)',
    );
    expect(message).not.toContain('--cache-ttl');
  });

  it('a per-key TTL cache on a plain object (legacy CommonJS) is kept and said to expire', () => {
    const message = keptAsKeyedCache(ttlObject);
    expect(message).toBe(
      '`cache` is a keyed cache (`if (hit && hit.exp > Date.now()) return hit.value;`, line 2), kept across invocations on purpose: entries that earlier requests stored are served to later ones until they expire; review it if they must not be (user-specific data, for one)',
    );
  });

  it('const hit = cache.get(k); if (hit) return hit;', () => {
    const message = keptAsKeyedCache(
      'const prices = new Map();\nasync function price(sku) {\n  const hit = prices.get(sku);\n  if (hit) return hit;\n  const fresh = await fetchPrice(sku);\n  prices.set(sku, fresh);\n  return fresh;\n}\nexports.handler = async (event) => ({ price: await price(event.sku) });\n',
    );
    expect(message).toMatch(/^`prices` is a keyed cache \(`if \(hit\) return hit;`, line 4\), kept across invocations on purpose/);
  });

  it('cache[k] ?? (cache[k] = compute())', () => {
    const message = keptAsKeyedCache('const names = {};\nconst nameOf = (id) => names[id] ?? (names[id] = lookupName(id));\nexports.handler = async (event) => nameOf(event.id);\n');
    expect(message).toMatch(/^`names` is a keyed cache \(`names\[id\] \?\? \(names\[id\] = lookupName\(id\)\)`, line 2\)/);
  });

  it('return cache.get(k) ?? a function that computes and stores it', () => {
    keptAsKeyedCache(
      'const users = new Map();\nasync function load(id) {\n  const user = await fetchUser(id);\n  users.set(id, user);\n  return user;\n}\nconst getUser = (id) => users.get(id) ?? load(id);\nexports.handler = async (event) => getUser(event.userId);\n',
    );
  });

  it('if (!cache.has(k)) cache.set(k, load(k)); return cache.get(k); with eviction, in a WeakMap too', () => {
    keptAsKeyedCache(
      'const parsed = new Map();\nfunction parse(text) {\n  if (parsed.size > 100) parsed.clear();\n  if (!parsed.has(text)) parsed.set(text, JSON.parse(text));\n  return parsed.get(text);\n}\nexports.handler = async (event) => parse(event.body).id;\n',
    );
    keptAsKeyedCache('const sizes = new WeakMap();\nfunction size(o) {\n  if (sizes.has(o)) return sizes.get(o);\n  const n = JSON.stringify(o).length;\n  sizes.set(o, n);\n  return n;\n}\nexports.handler = async (event) => size(event);\n');
    keptAsKeyedCache(
      'const tokens = {};\nfunction token(k) {\n  if (k in tokens) return tokens[k];\n  const t = k + "-t";\n  tokens[k] = t;\n  if (Object.keys(tokens).length > 50) delete tokens[Object.keys(tokens)[0]];\n  return t;\n}\nexports.handler = async (event) => token(event.k);\n',
    );
  });

  it('an Object.create(null) memo, and TypeScript (a typed Map and a Record)', () => {
    keptAsKeyedCache('const memo = Object.create(null);\nfunction f(k) {\n  if (memo[k] !== undefined) return memo[k];\n  return (memo[k] = k.length);\n}\nexports.handler = async (e) => f(e.k);\n');
    const result = run(
      'interface Item { id: string }\nconst cache = new Map<string, Item>();\nconst byKey: Record<string, Item> = {};\nasync function get(id: string): Promise<Item> {\n  const hit = cache.get(id);\n  if (hit !== undefined) return hit;\n  const item = byKey[id] ?? (byKey[id] = { id });\n  cache.set(id, item);\n  return item;\n}\nexport const handler = async (event: { id: string }) => get(event.id);\n',
      {},
      'handler.ts',
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['keyed-cache', 'keyed-cache']);
  });

  it('--cache-ttl does not rewrite it, and the message says it does not apply instead of offering it', () => {
    const result = run(memoMap, { cacheTtl: 60 }, 'handler.mjs');
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['keyed-cache']);
    expect(result.review[0].message).toContain('--cache-ttl does not apply to a keyed cache');
    expect(result.review[0].message).not.toContain('--cache-ttl SECONDS gives it an expiry');
  });

  it('marked lambda-clean-slate-ignore: kept and said so', () => {
    const result = run(memoMap.replace('const cache', '// lambda-clean-slate-ignore\nconst cache'), {}, 'handler.mjs');
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['ignored']);
    expect(result.review[0].message).toBe('`cache` is a keyed cache marked lambda-clean-slate-ignore; kept as it is');
  });
});

describe('state that only looks like a cache by key is still migrated', () => {
  it('a dedupe Set or Map whose hit returns a constant', () => {
    expect(migrated("const seen = new Set();\nfunction check(id) {\n  if (seen.has(id)) return 'duplicate';\n  seen.add(id);\n  return 'new';\n}\nexports.handler = async (event) => check(event.id);\n")).toContain(
      'seen = new Set();',
    );
    expect(migrated("const seen = new Map();\nfunction check(id) {\n  if (seen.has(id)) return 'duplicate';\n  seen.set(id, Date.now());\n  return 'new';\n}\nexports.handler = async (event) => check(event.id);\n")).toContain(
      'seen = new Map();',
    );
  });

  it('an accumulator and a counter by key', () => {
    expect(migrated('const list = [];\nfunction add(x) {\n  list.push(x);\n  return list;\n}\nexports.handler = async (event) => add(event.id).length;\n')).toContain('list = [];');
    expect(migrated('const hits = new Map();\nfunction count(ip) {\n  hits.set(ip, (hits.get(ip) ?? 0) + 1);\n  return hits.get(ip);\n}\nexports.handler = async (event) => count(event.ip);\n')).toContain('hits = new Map();');
    expect(migrated('const hits = {};\nfunction count(ip) {\n  if (!hits[ip]) hits[ip] = 0;\n  hits[ip] = hits[ip] + 1;\n  return hits[ip];\n}\nexports.handler = async (event) => count(event.ip);\n')).toContain('hits = {};');
  });

  it('entries changed in place after they are read', () => {
    expect(
      migrated('const byUser = new Map();\nfunction add(user, x) {\n  if (!byUser.has(user)) byUser.set(user, []);\n  byUser.get(user).push(x);\n  return byUser.get(user);\n}\nexports.handler = async (event) => add(event.user, event.id).length;\n'),
    ).toContain('byUser = new Map();');
    expect(
      migrated('const byUser = new Map();\nfunction add(user, x) {\n  const list = byUser.get(user);\n  if (list) {\n    list.push(x);\n    return list;\n  }\n  byUser.set(user, [x]);\n  return [x];\n}\nexports.handler = async (event) => add(event.user, event.id).length;\n'),
    ).toContain('byUser = new Map();');
    expect(
      migrated('const stats = {};\nfunction see(k) {\n  const hit = stats[k];\n  if (hit) hit.n += 1;\n  if (hit) return hit;\n  stats[k] = { n: 1 };\n  return stats[k];\n}\nexports.handler = async (event) => see(event.k).n;\n'),
    ).toContain('stats = {};');
  });

  it('state written by key without a read that hands the stored value back, and a session object', () => {
    expect(migrated('const byId = {};\nfunction remember(e) {\n  byId[e.id] = e;\n  return Object.keys(byId).length;\n}\nexports.handler = async (event) => remember(event);\n')).toContain('byId = {};');
    expect(migrated('const session = {};\nfunction user(e) {\n  if (session.user) return session.user;\n  session.user = e.user;\n  return e.user;\n}\nexports.handler = async (event) => user(event);\n')).toContain('session = {};');
  });
});

// Reviewer's look-alikes: each was kept as a keyed cache, and so leaked one request's data into
// the next; each must be migrated as before (when in doubt, not a cache).
describe('look-alikes of a cache by key that leak per-request data are migrated', () => {
  const listed = (read: string, fallback: string, write: string) =>
    `const byUser = ${read.startsWith('byUser[') ? '{}' : 'new Map()'};\nexports.handler = async (event) => {\n  if (event.action === 'list' && ${read.startsWith('byUser[') ? 'byUser[event.user]' : 'byUser.has(event.user)'}) return ${read};\n  const list = ${read} ${fallback} [];\n  list.push(event.item);\n  ${write};\n  return list;\n};\n`;

  it('an entry read with a fallback (|| [], ?? []) and changed in place', () => {
    expect(migrated(listed('byUser.get(event.user)', '||', 'byUser.set(event.user, list)'))).toContain('byUser = new Map();');
    expect(migrated(listed('byUser.get(event.user)', '??', 'byUser.set(event.user, list)'))).toContain('byUser = new Map();');
    expect(migrated(listed('byUser[event.user]', '||', 'byUser[event.user] = list'))).toContain('byUser = {};');
    expect(migrated(listed('byUser[event.user]', '??', 'byUser[event.user] = list'))).toContain('byUser = {};');
  });

  it('an entry destructured and changed in place', () => {
    expect(
      migrated(
        'const cache = new Map();\nexports.handler = async (event) => {\n  if (cache.has(event.id)) return cache.get(event.id);\n  const v = { id: event.id, log: [] };\n  cache.set(event.id, v);\n  return v;\n};\nexports.append = async (event) => {\n  const { log } = cache.get(event.id);\n  log.push(event.line);\n  return log;\n};\n',
      ),
    ).toContain('cache = new Map();');
  });

  it('entries reached through the whole collection: iteration, spreading, Object.values, handed on', () => {
    const memo = (extra: string, holder = 'map') =>
      holder === 'map'
        ? `const cache = new Map();\nexports.handler = async (event) => {\n  ${extra}\n  if (cache.has(event.id)) return cache.get(event.id);\n  const v = { id: event.id, n: 0, viewers: [] };\n  cache.set(event.id, v);\n  return v;\n};\n`
        : `const cache = {};\nexports.handler = async (event) => {\n  ${extra}\n  if (cache[event.id]) return cache[event.id];\n  const v = { id: event.id, n: 0, viewers: [] };\n  cache[event.id] = v;\n  return v;\n};\n`;
    for (const extra of [
      'cache.forEach((v) => v.viewers.push(event.user));',
      'for (const v of cache.values()) v.n++;',
      'for (const [, v] of cache.entries()) v.n++;',
      'for (const [, v] of cache) v.n++;',
      'for (const k of cache.keys()) k.n = 1;',
      'const all = [...cache.values()]; all[0] && all[0].viewers.push(event.user);',
      'notify(cache);',
    ]) {
      expect(migrated(memo(extra))).toContain('cache = new Map();');
    }
    for (const extra of [
      'Object.values(cache).forEach((v) => v.viewers.push(event.user));',
      'for (const k in cache) cache[k].n++;',
      'for (const [, v] of Object.entries(cache)) v.n++;',
      'const copy = { ...cache }; Object.keys(copy).forEach((k) => copy[k].n++);',
    ]) {
      expect(migrated(memo(extra, 'object'))).toContain('cache = {};');
    }
  });

  it('a constant key: a single value, not a cache by key', () => {
    for (const key of ["'k'", '1', '`k`']) {
      expect(
        migrated(`const cache = new Map();\nexports.handler = async (event) => {\n  if (cache.has(${key})) return cache.get(${key});\n  const v = { requestId: event.requestId, body: event.body };\n  cache.set(${key}, v);\n  return v;\n};\n`),
      ).toContain('cache = new Map();');
    }
    expect(migrated("const cache = {};\nexports.handler = async (event) => {\n  if (cache['k']) return cache['k'];\n  cache['k'] = { body: event.body };\n  return cache['k'];\n};\n")).toContain('cache = {};');
  });

  it('a write under a key that no hit reads, beside a real memo', () => {
    expect(
      migrated(
        'const cache = new Map();\nexports.handler = async (event) => {\n  cache.set(event.requestId, event.body);\n  if (cache.has(event.id)) return cache.get(event.id);\n  const v = await load(event.id);\n  cache.set(event.id, v);\n  return v;\n};\nasync function load(id) { return { id }; }\n',
      ),
    ).toContain('cache = new Map();');
    expect(
      migrated(
        "const cache = new Map();\nexports.handler = async (event) => {\n  cache.set('last', event.body);\n  if (cache.has(event.id)) return cache.get(event.id);\n  return null;\n};\n",
      ),
    ).toContain('cache = new Map();');
  });

  it('request data stored under a key that does not come from the request', () => {
    expect(
      migrated(
        'const ID = process.env.CACHE_KEY;\nconst cache = new Map();\nexports.handler = async (event) => {\n  if (cache.has(ID)) return cache.get(ID);\n  const v = { requestId: event.requestId, body: event.body };\n  cache.set(ID, v);\n  return v;\n};\n',
      ),
    ).toContain('cache = new Map();');
  });

  it('a stored value changed once stored', () => {
    expect(
      migrated(
        'const sessions = new Map();\nexports.handler = async (event) => {\n  if (sessions.has(event.user)) return sessions.get(event.user);\n  const s = { user: event.user, items: [] };\n  sessions.set(event.user, s);\n  s.items.push(event.item);\n  return s;\n};\n',
      ),
    ).toContain('sessions = new Map();');
    expect(
      migrated(
        'const seen = new Map();\nexports.handler = async (event) => {\n  if (seen.has(event.id)) return seen.get(event.id);\n  const rec = { id: event.id, count: 0 };\n  seen.set(event.id, rec);\n  rec.count++;\n  return rec;\n};\n',
      ),
    ).toContain('seen = new Map();');
  });

  it('an LRU eviction (cache.delete(cache.keys().next().value)) keeps a real memo a cache', () => {
    keptAsKeyedCache(
      'const cache = new Map();\nasync function lookup(id) {\n  if (cache.has(id)) return cache.get(id);\n  const v = await fetchItem(id);\n  if (cache.size > 100) cache.delete(cache.keys().next().value);\n  cache.set(id, v);\n  return v;\n}\nexports.handler = async (event) => lookup(event.id);\n',
    );
  });
});

// Ordinary eviction of a real cache: the two-line LRU eviction and TTL sweeps that only test
// entries and delete by the iterated key keep it a cache; anything else done in such a loop
// still disqualifies it.
describe('eviction of a cache by key', () => {
  const memoWith = (eviction: string) =>
    `const cache = new Map();\nconst MAX = 3;\nasync function load(id) { return { id }; }\nexports.handler = async (event) => {\n  const now = Date.now();\n  ${eviction}\n  const hit = cache.get(event.id);\n  if (hit) return hit.value;\n  const value = await load(event.id);\n  cache.set(event.id, { value, exp: now + 1000 });\n  return value;\n};\n`;

  it('the two-line LRU eviction (const oldest = cache.keys().next().value; cache.delete(oldest))', () => {
    keptAsKeyedCache(memoWith('if (cache.size > MAX) {\n    const oldest = cache.keys().next().value;\n    cache.delete(oldest);\n  }'));
  });

  it('a TTL sweep over the entries, the keys or with forEach', () => {
    for (const sweep of [
      'for (const [k, e] of cache) if (e.exp < now) cache.delete(k);',
      'for (const [k, e] of cache.entries()) { if (e.exp < now) { cache.delete(k); } }',
      'for (const [k, { exp }] of cache) if (exp < now) cache.delete(k);',
      'for (const k of cache.keys()) if (cache.get(k).exp < now) cache.delete(k);',
      'cache.forEach((e, k) => { if (e.exp < now) cache.delete(k); });',
      'cache.forEach((e, k) => e.exp < now && cache.delete(k));',
    ]) {
      keptAsKeyedCache(memoWith(sweep));
    }
  });

  it('a loop that does anything else with an entry or a key is not eviction', () => {
    for (const loop of [
      'for (const [k, e] of cache) { if (e.exp < now) cache.delete(k); e.hits++; }',
      'for (const [k, e] of cache) if (e.exp < now) cache.delete(k); else e.seenBy = event.user;',
      'for (const [k, e] of cache) if (e.exp < now) cache.delete(k); else expired.push(e);',
      'for (const [k, e] of cache) if (e.exp < now) cache.delete(k); else return e.value;',
      'for (const [k, e] of cache) if (e.value.items.push(event.user) && e.exp < now) cache.delete(k);',
      'for (const k of cache.keys()) if (k === event.id) cache.delete(event.other);',
      'cache.forEach((e, k) => { if (e.exp < now) cache.delete(k); else track(e); });',
      'cache.forEach((e, k, m) => { if (e.exp < now) m.delete(k); });',
      'const oldest = cache.keys().next().value; cache.delete(oldest); log.push(oldest);',
    ]) {
      expect(migrated(`const expired = [];\nconst log = [];\n${memoWith(loop)}`)).toContain('cache = new Map();');
    }
  });
});

// A memo's value is computed from its key; a value holding other request data (fields of the
// event or context, or locals computed from them) is per-request data: migrated.
describe('request data other than the key stored under it', () => {
  it('the request itself stored under a request key is migrated', () => {
    expect(
      migrated(
        'const sessions = new Map();\nexports.handler = async (event) => {\n  const sid = event.sessionId;\n  if (sessions.has(sid)) return sessions.get(sid);\n  const profile = { user: event.user, cart: event.cart };\n  sessions.set(sid, profile);\n  return profile;\n};\n',
      ),
    ).toContain('sessions = new Map();');
    expect(
      migrated('const byUser = new Map();\nexports.handler = async (event) => {\n  const cached = byUser.get(event.userId);\n  if (cached) return cached;\n  byUser.set(event.userId, event.body);\n  return event.body;\n};\n'),
    ).toContain('byUser = new Map();');
    expect(
      migrated('const byUser = {};\nexports.handler = async (event, context) => {\n  if (byUser[event.id]) return byUser[event.id];\n  byUser[event.id] = { id: event.id, requestId: context.awsRequestId };\n  return byUser[event.id];\n};\n'),
    ).toContain('byUser = {};');
  });

  it('a loaded value that request data is written into before it is stored is migrated', () => {
    expect(
      migrated(
        'const cache = new Map();\nasync function load(id) { return { id, t: 1 }; }\nexports.handler = async (event) => {\n  const id = event.id;\n  const hit = cache.get(id);\n  if (hit) return hit;\n  const v = await load(id);\n  v.loadedFor = event.user;\n  cache.set(id, v);\n  return v;\n};\n',
      ),
    ).toContain('cache = new Map();');
  });

  it('a value computed from the key alone stays a cache, however the key is named', () => {
    const memo = (head: string, key: string, load: string) =>
      `const cache = new Map();\nasync function load(id) { return { id }; }\nexports.handler = async (event) => {\n  ${head}\n  if (cache.has(${key})) return cache.get(${key});\n  const v = await ${load};\n  cache.set(${key}, v);\n  return v;\n};\n`;
    keptAsKeyedCache(memo('', 'event.id', 'load(event.id)'));
    keptAsKeyedCache(memo('const id = event.id;', 'id', 'load(id)'));
    keptAsKeyedCache(memo('const id = event.id;', 'event.id', 'load(id)'));
    keptAsKeyedCache(memo('const id = event.id;', 'id', 'load(event.id)'));
    keptAsKeyedCache(memo('const { id } = event;', 'id', 'load(event.id)'));
    keptAsKeyedCache(memo('const key = String(event.id).trim();', 'key', 'load(event.id)'));
    keptAsKeyedCache(memo("const url = `https://api.example.com/items/${event.id}`;", 'url', 'load(url)'));
  });
});

// An entry changed in place out of sight: handed to a function of the module that changes its
// argument, or to a function not known to leave it alone, or taken out of a literal.
describe('entries handed to a function that changes them', () => {
  const shared = (use: string) =>
    `const cache = new Map();\nasync function load(k) { return { k, items: [] }; }\nfunction addItem(e, x) { e.items.push(x); }\nfunction size(e) { return e.items.length; }\nasync function get(k) {\n  if (cache.has(k)) return cache.get(k);\n  const v = await load(k);\n  cache.set(k, v);\n  return v;\n}\nexports.handler = async (event) => {\n  await get(event.k);\n  ${use}\n  return cache.get(event.k).items.length;\n};\n`;

  it('an entry changed through a helper, directly, through a local or out of a literal, is migrated', () => {
    for (const use of [
      'addItem(cache.get(event.k), event.user);',
      'const e = cache.get(event.k); addItem(e, event.user);',
      'const [first] = [cache.get(event.k)]; first.items.push(event.user);',
      'const { e } = { e: cache.get(event.k) }; e.items.push(event.user);',
      'record(cache.get(event.k), event.user);',
      'const e = cache.get(event.k); record(e, event.user);',
    ]) {
      expect(migrated(shared(use))).toContain('cache = new Map();');
    }
  });

  it('an entry handed to a helper that only reads it, or to JSON.stringify, stays a cache', () => {
    keptAsKeyedCache(shared('console.log(size(cache.get(event.k)));'));
    keptAsKeyedCache(shared('const e = cache.get(event.k); console.log(JSON.stringify(e), size(e));'));
  });
});

describe('migrated state that hands back what it stored under a key', () => {
  const review = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });
  it('is migrated and said, so that a cache kept on purpose is not dropped without a word', () => {
    const lru = review(
      'const MAX = 100;\nconst lru = new Map();\nfunction compute(k) { return k * 2; }\nfunction get(k) {\n  if (lru.has(k)) {\n    const v = lru.get(k);\n    lru.delete(k);\n    lru.set(k, v);\n    return v;\n  }\n  const v = compute(k);\n  lru.set(k, v);\n  if (lru.size > MAX) lru.delete(lru.keys().next().value);\n  return v;\n}\nexports.handler = async (event) => get(event.n);\n',
    );
    expect(lru.changes.map((c) => c.kind)).toEqual(['reset']);
    expect(lru.review.map((r) => [r.kind, r.line])).toEqual([['maybe-cache', 2]]);
    expect(lru.review[0].message).toBe(
      "`lru` hands back what it stored under a key (`lru.get(k)`, line 6), as a cache does; it is migrated like other state, so it no longer outlives an invocation: if it is a cache kept on purpose (later requests then get what earlier ones stored, another user's included), put `// lambda-clean-slate-ignore` on its declaration to keep it",
    );
  });

  it.each([
    ['a counter by key', 'const counts = {};\nexports.handler = async (event) => { counts[event.k] = (counts[event.k] || 0) + 1; return counts; };\n'],
    ['a Map counter', 'const counts = new Map();\nexports.handler = async (event) => { counts.set(event.k, (counts.get(event.k) ?? 0) + 1); return counts.size; };\n'],
    ['a dedupe set', 'const seen = new Set();\nexports.handler = async (event) => { if (seen.has(event.id)) return "dup"; seen.add(event.id); return "new"; };\n'],
    ['a list', 'const list = [];\nexports.handler = async (event) => { list.push(event.id); return list[event.i]; };\n'],
  ])('is migrated without a word for %s', (_name, source) => {
    const result = review(source);
    expect(result.changes.length).toBeGreaterThan(0);
    expect(result.review.filter((r) => r.kind === 'maybe-cache')).toEqual([]);
  });
});
