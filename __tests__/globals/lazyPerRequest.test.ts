// A binding written once under a lazy guard is a cache only when what it stores does not come
// from the request. When it does (`session ??= { user: event.user }`), a warm start hands the
// first caller's data to every later one: it is per-request state, migrated like any other,
// or reported as a leak when migrating it alone is unsafe; never called a deliberate cache.
import { collectModuleBindings, classifyModuleBindings } from '../../src/analysis/bindings';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { findHandlers } from '../../src/analysis/handlers';
import { jscodeshiftFor, parserFor } from '../../src/analysis/parser';
import { transform } from '../../transforms/globals';

function kinds(source: string, file = 'index.js'): Record<string, string> {
  const j = jscodeshiftFor(parserFor(file)!);
  const root = j(source);
  const bindings = collectModuleBindings(j, root, findHandlers(j, root));
  return Object.fromEntries([...classifyModuleBindings(j, root, bindings)].map(([b, c]) => [b.name, c.kind === 'lazy-cache' && c.loadedUnder ? 'lazy-cache (loaded under)' : c.kind]));
}

function run(source: string, file = 'index.js') {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  const byName = (list: { message: string }[]) => Object.fromEntries(list.map((r) => [r.message.match(/^`([^`]+)`/)?.[1] ?? r.message, r.message]));
  return { output: result.output, changes: byName(result.changes), review: byName(result.review) };
}

describe('lazily assigned request data is per-request state', () => {
  it.each([
    ['`??=` from the event', 'let session;\nexports.handler = async (event) => { session ??= { user: event.user }; return session; };', { session: 'state' }],
    ['`if (!x) x = await f(event.x)`', 'let user;\nexports.handler = async (event) => { if (!user) user = await lookup(event.userId); return user; };', { user: 'state' }],
    ['through a local derived from the event', 'let owner;\nexports.handler = async (event) => { const { userId } = event; const key = `u-${userId}`; if (!owner) owner = key; return owner; };', { owner: 'state' }],
    ['through a helper parameter the handler fills from the event', 'let user;\nasync function getUser(id) { if (!user) user = await lookup(id); return user; }\nexports.handler = async (event) => getUser(event.userId);', { user: 'state' }],
    ['from the context', 'let fn;\nexports.handler = async (event, context) => { fn ??= context.functionName; return fn; };', { fn: 'state' }],
    // the event comes after the arguments `.bind` fills, and still brings the request
    ['from the event of a bound handler', 'let user;\nasync function main(deps, event) { user ??= deps.find(event.userId); return user; }\nexports.handler = main.bind(null, deps);', { user: 'state' }],
    // where the event lands among the parameters is not known: any of them may bring the request
    ['from a parameter of a handler bound with a spread', 'let db;\nasync function main(deps, event) { db ??= deps.connect(); return db; }\nexports.handler = main.bind(null, ...deps);', { db: 'state' }],
    ['in a callback over the event', 'let first;\nexports.handler = async (event) => { event.Records.forEach((r) => { first ??= r.body; }); return first; };', { first: 'state' }],
    ['`x || (x = v)` and early return', 'let a; let b;\nfunction getB(e) { if (b) return b; b = e.id; return b; }\nexports.handler = async (event) => [a || (a = event.id), getB(event)];', { a: 'state', b: 'state' }],
    ['a flag that guards request data', 'let caller = null;\nlet greeted = false;\nexports.handler = async (event) => { if (!greeted) { caller = event.caller; greeted = true; } return caller; };', { caller: 'state', greeted: 'state' }],
  ])('%s', (_label, source, expected) => {
    expect(kinds(source)).toMatchObject(expected);
  });

  it.each([
    ['module constants and the environment', "const NAME = 'cfg';\nlet cfg;\nlet env;\nexports.handler = async (event) => { cfg ??= await load(NAME); env ??= await load(process.env.TABLE); return [cfg, env, event.id]; };", { cfg: 'lazy-cache', env: 'lazy-cache' }],
    // `deps` is bound when the module loads, the same for every invocation
    ['what a bound handler is given by `.bind`', 'let db;\nasync function main(deps, event) { db ??= deps.connect(); return db.get(event.id); }\nexports.handler = main.bind(null, { connect });', { db: 'lazy-cache' }],
    ['a helper called with constant arguments only', "let secret;\nasync function getSecret(name) { if (!secret) secret = await fetchSecret(name); return secret; }\nexports.handler = async (event) => ({ s: await getSecret('db'), id: event.id });", { secret: 'lazy-cache' }],
    ['a local of the loader that does not come from the request', "let config = null;\nlet initialized = false;\nasync function init() {\n  if (initialized) return;\n  const res = await s3.send({ Bucket: 'b' });\n  config = JSON.parse(res.Body);\n  initialized = true;\n}\nexports.handler = async (event) => { await init(); return [config, event.user]; };", { config: 'lazy-cache (loaded under)', initialized: 'lazy-cache (loaded under)' }],
  ])('stays a cache: %s', (_label, source, expected) => {
    expect(kinds(source)).toMatchObject(expected);
  });

  it('is moved or reset, and the summary says why it is not a cache', () => {
    const { output, changes, review } = run('let session;\nexports.handler = async (event) => {\n  session ??= { user: event.user, started: event.user.length };\n  return session;\n};\n');
    expect(output).toBe('exports.handler = async (event) => {\n  let session;\n  session ??= { user: event.user, started: event.user.length };\n  return session;\n};\n');
    expect(review).toEqual({});
    expect(changes.session).toMatch(/^`session` moved into handler `handler`: it held state from one invocation to the next \(`session \?\?= \{ user: event\.user,\.\.\.`, line 3, stores what `event` brings, so a warm start kept the first request's value\)$/);
    const shared = run('let user;\nasync function getUser(id) { if (!user) user = await lookup(id); return user; }\nexports.handler = async (event) => getUser(event.userId);\n');
    expect(shared.output).toContain('exports.handler = async (event) => {\n  user = undefined;\n  return getUser(event.userId);\n}');
    expect(shared.changes.user).toMatch(/is reset at the start of `handler`.*\(`user = await lookup\(id\)`, line 2, stores what `event` brings/);
  });

  it('changed inside the initialisation of a cache that stays: reported as a leak, not as deliberate', () => {
    const source = 'let config;\nlet firstCaller;\nexports.handler = async (event) => {\n  if (!config) {\n    config = await loadConfig();\n    firstCaller = event.caller;\n  }\n  return { config, firstCaller };\n};\n';
    const { output, changes, review } = run(source);
    expect(output ?? source).toBe(source);
    expect(changes).toEqual({});
    expect(review.firstCaller).toMatch(/^`firstCaller` changes inside the lazy initialisation guarded by `if \(!config\)` \(line 4\), which also stores data from the request and runs only when the cache loads, not on every invocation: later invocations get what the request that loaded it left there\. It leaks between invocations/);
    expect(review.firstCaller).not.toMatch(/on purpose/);
  });

  it('a per-request value that cannot be migrated is reported as state, not as a cache', () => {
    const { review } = run('export let session;\nexport const handler = async (event) => { session ??= { user: event.user }; return session; };\n', 'index.mjs');
    expect(review.session).toMatch(/^`session` holds state across invocations \(`session \?\?= \{ user: event\.user \}`, line 2, stores what `event` brings, so a warm start kept the first request's value\) but is exported/);
  });
});
