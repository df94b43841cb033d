// State that code other than the handlers changes (a middleware's `before`, a function the
// module exports for other modules) is kept and reported: a reset at the top of the handler
// would wipe what that code did in the same invocation, or while the module loaded, and so
// change what a cold start does.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

const run = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });

describe('state changed by code the handlers do not account for', () => {
  it('is kept when a middleware handed to middy changes it too', () => {
    const result = run(
      "const middy = require('@middy/core');\nconst seen = [];\nconst base = async (event) => { seen.push(event.id); return seen; };\nexports.handler = middy(base).use({ before: async (request) => { seen.push('before'); } });\n",
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['changed-elsewhere', 2]]);
    expect(result.review[0].message).toMatch(/code no handler reaches, .*\(line 4\)/s);
  });

  it('is kept when a function the module exports changes it', () => {
    const result = run(
      'const validators = [];\nexports.addValidator = (fn) => { validators.push(fn); };\nexports.handler = async (event) => { validators.push(() => event.id); return validators.length; };\n',
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['changed-elsewhere']);
    expect(result.review[0].message).toMatch(/a function the module exports, which other modules may call .*\(line 2\)/);
  });

  it.each([['const api = module.exports = {};'], ['var api = exports;']])('is kept when the handler calls a function it exported through a name for the exports object (%s)', (alias) => {
    const result = run(`${alias}\nconst seen = [];\napi.record = function (id) { seen.push(id); };\napi.handler = async (event) => { api.record(event.id); return seen.length; };\n`);
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['changed-elsewhere', 2]]);
    expect(result.review[0].message).toMatch(/a function the module exports, which other modules may call .*\(line 3\)/);
  });

  it('is reported when only a middleware changes it', () => {
    const result = run(
      "const middy = require('@middy/core');\nconst visited = new Set();\nconst base = async (event) => ({ n: visited.size });\nexports.handler = middy(base).use({ before: async (request) => { visited.add(request.event.id); } });\n",
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['changed-elsewhere', 2]]);
    expect(result.review[0].message).toMatch(/leaks between invocations/);
  });

  it('is still moved into the handler when only the handler and its helpers change it', () => {
    const result = run('const seen = [];\nconst add = (id) => seen.push(id);\nexports.handler = async (event) => { add(event.id); return seen; };\n');
    expect(result.changes.map((c) => c.kind)).toEqual(['reset']);
    expect(result.review).toEqual([]);
  });
});

describe('a member of a module class instance handed to other code as the module loads', () => {
  const batcher = (field: string, handedOver: string, body = 'batcher.add(event.id);') =>
    `const buffer = [];\nclass Batcher {\n  add(x) { buffer.push(x); }\n  ${field}\n}\nconst batcher = new Batcher();\nprocess.on('beforeExit', ${handedOver});\nexports.handler = async (event) => { ${body} return { pending: buffer.length }; };\n`;
  const flushField = "flush = () => { const out = buffer.splice(0); console.log('flushed', out.length); };";
  const flushMethod = "flush() { const out = buffer.splice(0); console.log('flushed', out.length); }";

  it.each([
    ['a function field, handed as it is', flushField, 'batcher.flush'],
    ['a method, bound', flushMethod, 'batcher.flush.bind(batcher)'],
    ['a method, called by an arrow handed over', flushMethod, '() => batcher.flush()'],
  ])('keeps the state it changes, as a module function handed over: %s', (_label, field, handedOver) => {
    const result = run(batcher(field, handedOver));
    expect(result.output).toBeNull();
    expect(result.review.filter((r) => r.line === 1).map((r) => [r.kind, r.message.match(/no handler reaches.*\(line (\d+)\)/)?.[1]])).toEqual([['changed-elsewhere', '4']]);
  });

  it('keeps the state a member the class inherits from a class of the module changes', () => {
    const result = run(
      "const buffer = [];\nclass Base {\n  flush() { const out = buffer.splice(0); console.log('flushed', out.length); }\n}\nclass Batcher extends Base {\n  add(x) { buffer.push(x); }\n}\nconst batcher = new Batcher();\nprocess.on('beforeExit', batcher.flush);\nexports.handler = async (event) => { batcher.add(event.id); return { pending: buffer.length }; };\n",
    );
    expect(result.output).toBeNull();
    expect(result.review.filter((r) => r.line === 1).map((r) => r.kind)).toEqual(['changed-elsewhere']);
  });

  it('still resets the state when the handler calls the member itself', () => {
    const result = run(batcher(flushMethod, 'batcher.flush.bind(batcher)', 'batcher.add(event.id); if (event.flush) batcher.flush();'));
    expect(result.changes.map((c) => c.kind)).toEqual(['reset']);
  });

  it('keeps the state a method called on the instance as the module loads changes', () => {
    const result = run(
      "const buffer = [];\nclass Batcher {\n  init() { buffer.push('start'); }\n  add(x) { buffer.push(x); }\n}\nconst batcher = new Batcher();\nbatcher.init();\nexports.handler = async (event) => { batcher.add(event.id); return buffer.length; };\n",
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['module-read', 1]]);
  });
});

describe('a lazily made promise of a client', () => {
  it('is reported as a client kept for reuse, not as a cache to give an expiry', () => {
    const result = applyTransforms(
      "import { createClient } from 'redis';\nlet clientPromise;\nfunction getClient() {\n  if (!clientPromise) {\n    const client = createClient({ url: process.env.REDIS_URL });\n    clientPromise = client.connect().then(() => client);\n  }\n  return clientPromise;\n}\nexport const handler = async (event) => (await getClient()).get(event.key);\n",
      'handler.mjs',
      { transforms: [transform] },
    );
    expect(result.review.map((r) => r.message)).toEqual(["`clientPromise` is a client created lazily by 'redis'; kept for reuse across invocations"]);
  });
});

describe('state imported from one of the project modules', () => {
  it('is reported when a handler changes it; a package import is not', () => {
    const result = applyTransforms(
      "import { pending } from './state.mjs';\nimport _ from 'lodash';\nconst registry = require('../registry');\nexport const handler = async (event) => {\n  pending.push(event.id);\n  registry.byId[event.id] = event;\n  _.set(event, 'seen', true);\n  return pending.length;\n};\n",
      'handler.mjs',
      { transforms: [transform] },
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([
      ['imported-state', 1],
      ['imported-state', 3],
    ]);
    expect(result.review[0].message).toContain("`pending` comes from './state.mjs' and a handler changes it (`pending.push(event.id)`, line 5)");
  });
});

describe('properties of the global object', () => {
  it('are reported when code a handler runs sets them; a local named global is not the global object', () => {
    const result = applyTransforms(
      "function tenantCache() {\n  globalThis.__tenantCache ??= new Map();\n  return globalThis.__tenantCache;\n}\nexport const handler = async (event) => {\n  tenantCache().set(event.tenant, event);\n  global.lastEvent = event;\n  globalThis['lastRequest'] = event.id;\n  const globalThis2 = { global: 1 };\n  { const global = {}; global.x = 1; }\n  return tenantCache().size;\n};\n",
      'handler.mjs',
      { transforms: [transform] },
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([
      ['global-state', 2],
      ['global-state', 7],
      ['global-state', 8],
    ]);
    expect(result.review[0].message).toMatch(/^`globalThis\.__tenantCache` is set by code a handler runs/);
  });

  it('so are variables of the process environment; reading them is not', () => {
    const result = applyTransforms(
      "const table = () => `${process.env.TENANT || 'shared'}-orders`;\nexports.handler = async (event) => {\n  if (event.tenant) process.env.TENANT = event.tenant;\n  delete process.env['DEBUG'];\n  const process2 = { env: {} };\n  process2.env.X = 1;\n  Object.assign(process.env, { USER_ID: event.user });\n  Object.assign({}, process.env);\n  return { table: table(), region: process.env.AWS_REGION };\n};\n",
      'handler.js',
      { transforms: [transform] },
    );
    expect(result.review.map((r) => [r.kind, r.line, r.message.split(':')[0]])).toEqual([
      ['global-state', 3, '`process.env.TENANT` is set by code a handler runs (`process.env.TENANT = event.tenant`)'],
      ['global-state', 4, "`process.env.DEBUG` is set by code a handler runs (`delete process.env['DEBUG']`)"],
      ['global-state', 7, '`process.env` is set by code a handler runs (`Object.assign(process.env, { USER_ID'],
    ]);
  });
});

describe('changes that cannot conflict with a reset', () => {
  it('a function nothing calls or exports never runs: the state is still migrated', () => {
    const result = run('const queue = [];\nfunction debugDump() { queue.length = 0; }\nexports.handler = async (event) => { queue.push(event.id); return queue.length; };\n');
    expect(result.review).toEqual([]);
    expect(result.changes.map((c) => c.kind)).toEqual(['reset']);
  });

  it.each([
    ['clear()', 'exports._resetForTests = () => { seen.clear(); };'],
    ['its initial value again', 'exports._resetForTests = () => { seen = new Set(); };'],
  ])('an exported helper that only empties it (%s) does not keep it', (_how, helper) => {
    const result = run(`let seen = new Set();\n${helper}\nexports.handler = async (event) => { seen.add(event.id); return seen.size; };\n`);
    expect(result.review.map((r) => r.kind)).not.toContain('changed-elsewhere');
    expect(result.changes.map((c) => c.kind)).toEqual(['reset']);
  });
});

describe('a stream made lazily by a Node module', () => {
  it('is reported as a handle whose writes pile up, not as a client', () => {
    const result = run("const fs = require('fs');\nlet stream;\nexports.handler = async (event) => {\n  if (!stream) stream = fs.createWriteStream('/tmp/trace.log', { flags: 'a' });\n  stream.write(event.id);\n};\n");
    expect(result.review.map((r) => r.message)).toEqual(["`stream` holds what 'fs' made lazily (a stream or a handle), kept across invocations; what later invocations write through it piles up"]);
  });
});
