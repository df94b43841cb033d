// State changed inside a function handed to a call made at load (`memoize((id) => ...)`) is
// changed when the wrapper runs that function, not on each call of what it returned: a memo
// runs it once per key and keeps its cache across invocations. A reset at the top of the
// handler would then leave a warm invocation with less than a cold start has, so the state
// is kept and reported; a wrapper of the module that keeps nothing from one call to the next
// runs the function on each call, and the state is migrated as usual.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { checkMigrationBehaviour } from '../../src/simulate';
import { transform } from '../../transforms/globals';

const run = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });
const MODULES = { 'lodash/memoize': path.join(__dirname, 'doubles', 'lodash-memoize.js') };

const LODASH = `const memoize = require('lodash/memoize');
const lookups = [];
const loadTenant = memoize((id) => { lookups.push(id); return { id }; });
exports.handler = async (event) => {
  const tenant = loadTenant(event.tenantId);
  return { tenant, lookups: lookups.length };
};
`;

const CLOSURE = `function memo(fn) {
  const cache = new Map();
  return (key) => (cache.has(key) ? cache.get(key) : (cache.set(key, fn(key)), cache.get(key)));
}
const lookups = [];
const loadTenant = memo((id) => { lookups.push(id); return { id }; });
exports.handler = async (event) => {
  const tenant = loadTenant(event.tenantId);
  return { tenant, lookups: lookups.length };
};
`;

describe('state changed inside a function wrapped at load', () => {
  it('is kept and reported when the wrapper is memoize from a package', () => {
    const result = run(LODASH);
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['changed-in-wrapped', 2]]);
    expect(result.review[0].message).toBe(
      '`lookups` holds state across invocations, but is changed inside a function wrapped by `memoize(...)` (line 3), which may run it only on some invocations (a memo, for one, runs it once per key); a reset or a moved declaration at the top of the handler would make a warm start differ from a cold one, so it is kept: review it',
    );
  });

  it('is kept and reported when the wrapper is a memo of the module, beside the state of the memo itself', () => {
    const result = run(CLOSURE);
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([
      ['changed-in-wrapped', 5],
      ['hidden-state', 6],
    ]);
    expect(result.review[0].message).toMatch(/^`lookups` .* changed inside a function wrapped by `memo\(\.\.\.\)` \(line 6\)/);
  });

  it('is kept when the wrapped function is a module function handed over by name', () => {
    const result = run(
      "const memoize = require('lodash/memoize');\nconst lookups = [];\nfunction fetchTenant(id) { lookups.push(id); return { id }; }\nconst loadTenant = memoize(fetchTenant, (id) => id);\nexports.handler = async (event) => ({ tenant: loadTenant(event.tenantId), lookups: lookups.length });\n",
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['changed-in-wrapped', 2]]);
  });

  it('is still reset when the wrapper is a function of the module that keeps nothing between calls', () => {
    const result = run(
      'function withTiming(fn) {\n  return (key) => {\n    const started = Date.now();\n    const result = fn(key);\n    console.log(Date.now() - started);\n    return result;\n  };\n}\nconst lookups = [];\nconst loadTenant = withTiming((id) => { lookups.push(id); return { id }; });\nexports.handler = async (event) => ({ tenant: loadTenant(event.tenantId), lookups: lookups.length });\n',
    );
    expect(result.review).toEqual([]);
    expect(result.changes.map((c) => c.kind)).toEqual(['reset']);
  });

  it.each([
    ['an array method run at load', "const FIELDS = ['name', 'email'];\nconst errors = [];\nconst checks = FIELDS.map((field) => (body) => { if (!body[field]) errors.push(field); });\nexports.handler = async (event) => { for (const check of checks) check(event.body); return { errors: errors.slice() }; };\n"],
    ['a Node built-in', "const util = require('node:util');\nconst lines = [];\nconst logAsync = util.promisify((msg, cb) => { lines.push(msg); cb(); });\nexports.handler = async (event) => { await logAsync(event.id); return { lines: lines.slice() }; };\n"],
    ['a wrapper of another file', "const withRetry = require('./lib/retry');\nconst processed = [];\nconst processRecord = withRetry(async (record) => { processed.push(record.id); });\nexports.handler = async (event) => { for (const r of event.Records) await processRecord(r); return { processed: processed.slice() }; };\n"],
  ])('is still reset when the wrapper is %s, which runs the function on each call', (name, source) => {
    const result = run(source);
    expect(result.review).toEqual([]);
    expect(result.changes.map((c) => c.kind)).toEqual(['reset']);
  });

  it.each([
    ["once from a package", "const once = require('lodash/once');\nconst opened = [];\nconst open = once(() => { opened.push(1); });\nexports.handler = async () => { open(); return opened.length; };\n"],
    ["a memo imported under another name", "import pMemo from 'p-memoize';\nconst lookups = [];\nconst load = pMemo(async (id) => { lookups.push(id); return id; });\nexport const handler = async (event) => ({ t: await load(event.id), n: lookups.length });\n"],
    ["a throttle", "const _ = require('lodash');\nconst flushed = [];\nconst flush = _.throttle(() => { flushed.push(Date.now()); }, 1000);\nexports.handler = async () => { flush(); return flushed.length; };\n"],
  ])('is kept and reported for %s', (name, source) => {
    const result = applyTransforms(source, source.includes('import ') ? 'handler.mjs' : 'handler.js', { transforms: [transform] });
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['changed-in-wrapped']);
    // said in the wrapper's own terms
    const how = name.startsWith('once') ? 'once runs it a single time per environment' : name.startsWith('a throttle') ? 'a throttle or a debounce runs it at most once in a while' : 'a memo, for one, runs it once per key';
    expect(result.review[0].message).toContain(`which may run it only on some invocations (${how})`);
  });

  describe.each([
    ['lodash memoize', LODASH],
    ['a memo closure', CLOSURE],
  ])('with %s, run warm and cold', (name, source) => {
    const dir = path.join('/tmp', `lcs-globals-wrapped-${name.replace(/\W+/g, '-')}-${process.pid}`);
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('the file the tool leaves behaves warm as it does cold (the input does not leak)', async () => {
      fs.mkdirSync(dir, { recursive: true });
      const input = path.join(dir, 'input.js');
      const output = path.join(dir, 'output.js');
      fs.writeFileSync(input, source);
      fs.writeFileSync(output, run(source).output ?? source);
      // the same tenant each time: the memo runs the function on the first invocation only,
      // so the input is clean (a new tenant would grow the list warm, which is reported)
      const events = [{ tenantId: 't1' }, { tenantId: 't1' }, { tenantId: 't1' }];
      const report = await checkMigrationBehaviour({ input, output, events, leaks: false, modules: MODULES });
      expect(report.failures).toEqual([]);
    });
  });
});
