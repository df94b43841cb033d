// What the globals transform tells the user about what it keeps: each message names the code
// as it was written (no AST node types) and says only what the analysis really knows.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

function reviews(source: string, file = 'index.js'): Record<string, string> {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  return Object.fromEntries(result.review.map((r) => [r.message.match(/^`([^`]+)`/)?.[1] ?? r.message, r.message]));
}

describe('globals review messages', () => {
  it('quote the initial value that cannot be evaluated again, not its node type', () => {
    const messages = reviews("const defaults = { items: ['a'] };\nconst registry = { items: defaults.items };\nexports.handler = async (event) => { registry.items.push(event.id); };\n");
    expect(messages.registry).toContain('part of the initial value, `defaults.items`, cannot be shown to be free of side effects');
    expect(messages.registry).not.toMatch(/Expression|Literal/);
  });

  it('say that a destructured binding could not be followed, not that it is never changed', () => {
    const messages = reviews('const state = { tags: [] };\nexports.handler = async (event) => {\n  const { tags } = state;\n  tags.push(event.tag);\n  return tags;\n};\n');
    expect(messages.state).toBe(
      '`state` is taken apart by destructuring (`const { tags } = state`, line 3), and whether what it holds is changed through the new names could not be followed; any such change would carry over to the next invocation; kept, review it',
    );
  });

  it('quote the aliasing code and name the function a value is passed to', () => {
    const messages = reviews('const seen = new Set();\nconst opts = { a: 1 };\nexports.handler = async (event) => {\n  const s = seen;\n  s.add(event.id);\n  configure(opts);\n};\n');
    expect(messages.seen).toMatch(/^`seen` is given another name \(`const s = seen`, line 4\), and whether it is changed through that name could not be followed/);
    expect(messages.opts).toMatch(/^`opts` is passed to `configure` \(line 6\), which may change it/);
  });

  it('name the guard of a lazy initialisation that a flag or a counter belongs to', () => {
    const messages = reviews(
      'let config = null;\nlet initialized = false;\nlet loads = 0;\nasync function init() {\n  if (initialized) return;\n  loads++;\n  config = await fetchConfig();\n  initialized = true;\n}\nexports.handler = async (event) => { await init(); return config; };\n',
    );
    expect(messages.initialized).toMatch(/^`initialized` records that the lazy initialisation guarded by `if \(initialized\) return` \(line 5\) has run/);
    expect(messages.loads).toMatch(/^`loads` changes only inside the lazy initialisation guarded by `if \(initialized\) return` \(line 5\)/);
    expect(messages.config).toMatch(/^`config` changes only inside the lazy initialisation/);
  });

  describe('state kept where the binding itself never changes', () => {
    it('class static fields changed through the class name or `this` in a static method', () => {
      const messages = reviews(
        'class RateLimiter {\n  static hits = [];\n  static record(ip) { RateLimiter.hits.push(ip); }\n}\nclass Counter {\n  static total = 0;\n  static bump() { this.total++; }\n}\nexports.handler = async (event) => { RateLimiter.record(event.ip); Counter.bump(); };\n',
      );
      expect(messages.RateLimiter).toMatch(/^`RateLimiter` keeps state in static fields, changed by `RateLimiter.hits.push\(ip\)`, line 3; it carries over/);
      expect(messages.Counter).toMatch(/changed by `this.total\+\+`, line 7/);
    });

    it('a closure counter made by a module function', () => {
      const messages = reviews('function makeCounter() {\n  let n = 0;\n  return () => ++n;\n}\nconst nextId = makeCounter();\nexports.handler = async (event) => ({ id: nextId() });\n');
      expect(messages.nextId).toMatch(/^`nextId` holds what `makeCounter\(\)` returns, and a function made by that call changes `n`, which it keeps from one call to the next \(`\+\+n`, line 3\)/);
    });

    it('state changed by callbacks the module hands over as it loads (a middleware, a returned wrapper) is not said to be used while the module loads', () => {
      const middleware = reviews(
        "const middy = require('@middy/core');\nconst auditLog = [];\nconst audit = (label) => ({\n  before: async (request) => {\n    auditLog.push(label);\n  },\n});\nconst base = async (event) => { auditLog.push(event.path); return auditLog.length; };\nexports.handler = middy(base).use(audit('in'));\n",
      );
      expect(middleware.auditLog).toMatch(/^`auditLog` holds state across invocations, but is also changed by code no handler reaches, which may run during an invocation \(a middleware, a callback handed to other code\) \(line 5\)/);
      const wrapper = reviews(
        "const marks = [];\nfunction withTiming(fn) {\n  return async (event, context) => {\n    marks.push('start');\n    return fn(event, context);\n  };\n}\nasync function main(event) { marks.push(event.id); return marks.length; }\nexports.handler = withTiming(main);\n",
      );
      expect(wrapper.marks).toMatch(/also changed by code no handler reaches.*\(line 4\)/);
      const routes = reviews(
        "const api = require('lambda-api')();\nlet currentUser = null;\napi.use((req, res, next) => { currentUser = req.headers['x-user']; next(); });\nexports.handler = async (event, context) => api.run(event, context);\n",
      );
      expect(routes.currentUser).toMatch(/^`currentUser` is changed by code no handler reaches \(line 3\), such as a middleware or a callback handed to other code/);
      // a callback run while the module loads is still code that runs then
      const atLoad = reviews("const seen = [];\nfunction init() { ['a', 'b'].forEach((x) => seen.push(x)); }\ninit();\nexports.handler = async (event) => { seen.push(event.id); return seen; };\n");
      expect(atLoad.seen).toMatch(/is also used while the module loads \(line 2\)/);
    });

    it('a closure counter made by a function called where it is written', () => {
      const messages = reviews('const nextSeq = (() => {\n  let n = 0;\n  return () => ++n;\n})();\nconst label = (function () { return () => \'x\'; })();\nexports.handler = async (event) => ({ id: `${event.prefix}-${nextSeq()}`, label: label() });\n');
      expect(messages.nextSeq).toMatch(/^`nextSeq` holds what the function called where it is declared returns, and a function made by that call changes `n`, which it keeps from one call to the next \(`\+\+n`, line 3\)/);
      expect(messages.label).toBeUndefined();
    });

    it('an instance of a local class whose methods change `this`, or of a class from another file', () => {
      const messages = reviews(
        "const { Audit } = require('./audit');\nclass Repo {\n  constructor(pool) { this.pool = pool; this.seen = []; }\n  remember(id) { this.seen.push(id); }\n}\nclass Plain { constructor(x) { this.x = x; } get() { return this.x; } }\nconst repo = new Repo(null);\nconst plain = new Plain(1);\nconst audit = new Audit();\nexports.handler = async (event) => { repo.remember(event.id); audit.log(plain.get()); };\n",
      );
      expect(messages.repo).toMatch(/^`repo` is an instance of `Repo`, whose method `remember` changes the instance \(`this.seen.push\(id\)`, line 4\)/);
      expect(messages.audit).toMatch(/^`audit` is an instance of `Audit` from '.\/audit', whose code is not in this file/);
      expect(messages.plain).toBeUndefined();
    });

    it('an object whose methods change the object through `this` (not an arrow function, not a getter)', () => {
      const messages = reviews(
        'const tracker = {\n  items: [],\n  track(x) { this.items.push(x); return this.items.length; },\n};\nconst counter = { n: 0, bump: function () { this.n += 1; return this.n; } };\nconst plain = { items: [], size() { return this.items.length; }, add: (x) => x };\nexports.handler = async (event) => [tracker.track(event.id), counter.bump(), plain.size()];\n',
      );
      expect(messages.tracker).toBe('`tracker` is an object whose method `track` changes the object itself (`this.items.push(x)`, line 3); what it keeps carries over from one invocation to the next; kept, review it');
      expect(messages.counter).toMatch(/^`counter` is an object whose method `bump` changes the object itself \(`this.n \+= 1`, line 5\)/);
      expect(messages.plain).toBeUndefined();
    });

    it("nothing for an object or an instance whose own method is named like a built-in's mutating one", () => {
      const messages = reviews(
        'const items = [];\nconst helpers = { add(x) { items.push(x); } };\nclass Bag { add(x) { return x; } }\nconst bag = new Bag();\nconst seen = new Set();\nexports.handler = async (event) => { helpers.add(event.id); bag.add(1); seen.add(event.id); return items; };\n',
      );
      expect(messages.helpers).toBeUndefined();
      expect(messages.bag).toBeUndefined();
    });

    it('nothing for the same shapes when no handler uses them', () => {
      const messages = reviews('function makeCounter() { let n = 0; return () => ++n; }\nconst nextId = makeCounter();\nexports.handler = async (event) => event.id;\n');
      expect(messages).toEqual({});
    });
  });

  it('a stateful regular expression used while the module loads is reported, not reset', () => {
    const messages = reviews("const ID_RE = /id-\\d+/g;\nexport const DEFAULT_MATCHES = ID_RE.test('id-1 id-2');\nexport const handler = async (event) => ID_RE.test(event.text);\n", 'index.mjs');
    expect(messages.ID_RE).toMatch(/it is also used while the module loads \(line 2\), so a cold start does not begin at 0; kept/);
  });
  it('cut a quoted guard at a token boundary, never inside a name', () => {
    const messages = reviews(
      'let cache;\nlet cachedAt = 0;\nlet loads = 0;\nconst CACHE_TTL_MS = 60000;\nasync function get() {\n  if (cache && Date.now() - cachedAt < CACHE_TTL_MS) return cache;\n  loads++;\n  cache = await load();\n  cachedAt = Date.now();\n  return cache;\n}\nexports.handler = async () => ({ c: await get(), loads });\n',
    );
    expect(messages.loads).toContain('guarded by `if (cache && Date.now() - cachedAt <...) return` (line 6)');
    expect(messages.loads).not.toMatch(/CACH\.\.\./);
  });

  it('say of a lazy initialisation with an expiry that it runs when the cache loads, not once per environment', () => {
    const withExpiry = reviews(
      'let cache;\nlet cachedAt = 0;\nlet loads = 0;\nasync function get() {\n  if (cache && Date.now() - cachedAt < 60000) return cache;\n  loads++;\n  cache = await load();\n  cachedAt = Date.now();\n  return cache;\n}\nexports.handler = async () => ({ c: await get(), loads });\n',
    );
    expect(withExpiry.loads).toMatch(/\(line 5\), which runs only when the cache loads, not on every invocation; kept with it/);
    expect(withExpiry.loads).not.toContain('once per environment');
    const once = reviews('let config;\nlet loads = 0;\nasync function get() {\n  if (!config) {\n    loads++;\n    config = await load();\n  }\n  return config;\n}\nexports.handler = async () => ({ c: await get(), loads });\n');
    expect(once.loads).toMatch(/guarded by `if \(!config\)` \(line 4\), which runs only when the cache loads, not on every invocation; kept with it/);
  });
});
