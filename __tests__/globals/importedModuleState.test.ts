// State kept by one of the project's own modules, which a handler changes by calling that
// module's functions (`record(event.id)` with `entries.push(x)` in ./lib/audit.mjs). It
// survives into the next invocation; the transforms change handler modules only, so it is
// reported where the handler calls it, after reading the other module from disk.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { simulate } from '../../src/simulate';
import { transform } from '../../transforms/globals';
import { MAX_MODULE_BYTES } from '../../src/analysis/importedModuleState';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-imported-state-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (path relative to a new folder: text) and migrates `handlerFile` there. */
function migrateIn(name: string, files: Record<string, string>, handlerFile: string) {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  const file = path.join(root, handlerFile);
  return { file, result: applyTransforms(fs.readFileSync(file, 'utf8'), file, { transforms: [transform] }) };
}

const AUDIT = 'const entries = [];\nexport function record(x) { entries.push(x); return entries.length; }\n';
const METRICS = 'var buffer = [];\nvar sent = 0;\nfunction record(n, v) { buffer.push({ name: n, value: v }); }\nfunction flush() { sent += buffer.length; return buffer.length; }\nmodule.exports = { record: record, flush: flush };\n';

describe('state kept by a project module whose functions a handler calls', () => {
  it('is reported for a named ES import, with the state and its line in that module; the handler is left as it is', async () => {
    const { file, result } = migrateIn('esm', { 'lib/audit.mjs': AUDIT, 'h1.mjs': "import { record } from './lib/audit.mjs';\nexport const handler = async (event) => ({ n: record(event.id) });\n" }, 'h1.mjs');
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['imported-state', 1]]);
    expect(result.review[0].message).toBe(
      "`record` comes from './lib/audit.mjs', whose code a handler runs (`record(event.id)`, line 2) and which changes state kept at module level there (`entries`, line 1 of lib/audit.mjs): it survives into the next invocation; this tool changes handler modules only, so review that module: move the state into the function, or reset it per invocation",
    );
    // what the report says, seen by running it: the second invocation in one environment differs
    const run = await simulate({ file, events: [{ id: 'a' }, { id: 'b' }] });
    expect(run.invocations.map((i) => i.same)).toEqual([true, false]);
  });

  it('is reported for a required module whose functions are called on it, and for a destructured require', () => {
    const member = migrateIn('cjs', { 'lib/metrics.js': METRICS, 'src/users.js': "var metrics = require('../lib/metrics');\nexports.handler = async function (event) { metrics.record('user.create', 1); return { n: metrics.flush() }; };\n" }, 'src/users.js');
    expect(member.result.review.map((r) => r.kind)).toEqual(['imported-state']);
    expect(member.result.review[0].message).toContain('(`buffer`, line 1; `sent`, line 2 of ../lib/metrics.js)');
    expect(member.result.review[0].message).toContain("whose code a handler runs (`metrics.record('user.create', 1)`, line 2)");

    const destructured = migrateIn('cjs-destructured', { 'lib/metrics.js': METRICS, 'users.js': "const { flush } = require('./lib/metrics');\nexports.handler = async (event) => ({ n: flush() });\n" }, 'users.js');
    expect(destructured.result.review.map((r) => r.message.match(/\((`\w+`, line \d)/)?.[1])).toEqual(['`sent`, line 2']);
  });

  it('finds a TypeScript module named with .js, and a folder by its index file', () => {
    const ts = migrateIn('ts', { 'lib/audit.ts': 'const entries: string[] = [];\nexport function record(x: string): number { entries.push(x); return entries.length; }\n', 'h.ts': "import { record } from './lib/audit.js';\nexport const handler = async (event: { id: string }) => ({ n: record(event.id) });\n" }, 'h.ts');
    expect(ts.result.review.map((r) => r.kind)).toEqual(['imported-state']);
    const index = migrateIn('index', { 'lib/audit/index.js': 'const entries = [];\nexports.record = (x) => entries.push(x);\n', 'h.js': "const audit = require('./lib/audit');\nexports.handler = async (event) => audit.record(event.id);\n" }, 'h.js');
    expect(index.result.review.map((r) => r.kind)).toEqual(['imported-state']);
  });

  it("follows an ES module's default import of a CommonJS module to its module.exports", () => {
    const { result } = migrateIn('default-of-commonjs', { 'log.js': 'const lines = [];\nmodule.exports = { record(x) { lines.push(x); return lines.length; } };\n', 'h.mjs': "import audit from './log.js';\nexport const handler = async (event) => audit.record(event.id);\n" }, 'h.mjs');
    expect(result.review.map((r) => r.kind)).toEqual(['imported-state']);
    expect(result.review[0].message).toContain('(`lines`, line 1 of log.js)');
  });

  it.each([
    ['a function that changes no module state', 'export function record(x) { const local = []; local.push(x); return local.length; }\n'],
    ['state the function sets afresh first thing', 'let entries = [];\nexport function record(x) { entries = []; entries.push(x); return entries.length; }\n'],
    ['a lazy cache', "let config;\nconst load = () => ({ region: process.env.AWS_REGION });\nexport function record(x) { if (!config) config = load(); return { ...config, x }; }\n"],
    ['state only another export changes', 'const entries = [];\nexport function record(x) { return entries.length + x.length; }\nexport function reset() { entries.push(1); }\n'],
    ['a module that does not parse', 'export function record(x) { return ;; ) }\n'],
  ])('is not reported for %s', (_name, audit) => {
    const { result } = migrateIn(`negative-${_name.replace(/\W+/g, '-')}`, { 'lib/audit.mjs': audit, 'h.mjs': "import { record } from './lib/audit.mjs';\nexport const handler = async (event) => ({ n: record(event.id) });\n" }, 'h.mjs');
    expect(result.error).toBeUndefined();
    expect(result.review).toEqual([]);
  });

  it('is said once per module, for every name it is imported under, less what a function the handler calls there empties', () => {
    const LIST = 'const list = [];\nconst seen = new Set();\nexports.reset = () => { list.length = 0; };\nexports.add = (x) => { list.push(x); seen.add(x); };\n';
    const both = migrateIn('reset-and-add', { 'lib/list.js': LIST, 'h.js': "const { reset, add } = require('./lib/list');\nexports.handler = async (event) => { reset(); add(event.id); return 1; };\n" }, 'h.js');
    expect(both.result.review.map((r) => [r.kind, r.line])).toEqual([['imported-state', 1]]);
    expect(both.result.review[0].message).toMatch(/^`add` comes from '\.\/lib\/list'/);
    // `list` is emptied by `reset()`, which the handler calls: only `seen` is left to say
    expect(both.result.review[0].message).toContain('(`seen`, line 2 of lib/list.js)');
    expect(both.result.review[0].message).toContain('whose code a handler runs (`add(event.id)`, line 2)');

    const emptied = migrateIn('reset-only', { 'lib/list.js': 'let list = [];\nconst cache = new Map();\nexports.reset = () => { list = []; cache.clear(); };\nexports.add = (x) => { list.push(x); cache.set(x, 1); };\n', 'h.js': "const list = require('./lib/list');\nexports.handler = async (event) => { list.reset(); list.add(event.id); return 1; };\n" }, 'h.js');
    expect(emptied.result.review).toEqual([]);
  });

  it.each([
    ['only sometimes', 'const n = add(event.id);\n  if (n > 100) reset();\n  return n;', true],
    ['after an early return', 'add(event.id);\n  if (event.dry) return 0;\n  reset();\n  return 1;', true],
    ['in a helper of the module', 'add(event.id);\n  done();\n  return 1;', true],
    ['at the end of every invocation', 'add(event.id);\n  await reset();\n  return 1;', false],
  ])('is reported when the handler empties it %s', (_name, body, reported) => {
    const LIST = 'const list = [];\nexports.reset = () => { list.length = 0; };\nexports.add = (x) => { list.push(x); return list.length; };\n';
    const { result } = migrateIn(`empties-${_name.replace(/\W+/g, '-')}`, { 'lib/list.js': LIST, 'h.js': `const { reset, add } = require('./lib/list');\nfunction done() { reset(); }\nexports.handler = async (event) => {\n  ${body}\n};\n` }, 'h.js');
    expect(result.review.map((r) => r.kind)).toEqual(reported ? ['imported-state'] : []);
  });

  it('follows a tsconfig paths alias and a workspace package linked into node_modules, as a monorepo imports its shared code', () => {
    const SHARED = 'export const metrics = { invocations: 0 };\nconst auditTrail: string[] = [];\nexport function audit(entry: string): number {\n  auditTrail.push(entry);\n  return auditTrail.length;\n}\n';
    const handler = (source: string) => `import { metrics, audit } from '${source}';\nexport const handler = async (event: { id: string }) => {\n  metrics.invocations++;\n  return { n: audit(event.id) };\n};\n`;
    const files = {
      'package.json': '{ "private": true, "workspaces": ["packages/*"] }',
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": ".", "paths": { "@shared/*": ["packages/shared/src/*"] } } }',
      'packages/shared/package.json': '{ "name": "@acme/shared", "main": "dist/metrics.js", "types": "dist/metrics.d.ts" }',
      'packages/shared/tsconfig.json': '{ "extends": "../../tsconfig.json", "compilerOptions": { "outDir": "dist", "rootDir": "src" } }',
      'packages/shared/src/metrics.ts': SHARED,
      'packages/orders/src/byAlias.ts': handler('@shared/metrics'),
      'packages/orders/src/byPackage.ts': handler('@acme/shared'),
    };
    const alias = migrateIn('monorepo', files, 'packages/orders/src/byAlias.ts');
    fs.mkdirSync(path.join(dir, 'monorepo', 'node_modules', '@acme'), { recursive: true });
    fs.symlinkSync('../../packages/shared', path.join(dir, 'monorepo', 'node_modules', '@acme', 'shared'), 'dir');
    const linked = migrateIn('monorepo', {}, 'packages/orders/src/byPackage.ts');
    for (const [{ result }, source] of [[alias, '@shared/metrics'], [linked, '@acme/shared']] as const) {
      expect(result.output).toBeNull();
      expect(result.review.map((r) => r.message)).toEqual([
        `\`metrics\` comes from '${source}' and a handler changes it (\`metrics.invocations++\`, line 3): what it holds lives in that module and survives into the next invocation; kept, reset it at the top of the handler if it is per-request`,
        `\`audit\` comes from '${source}', whose code a handler runs (\`audit(event.id)\`, line 4) and which changes state kept at module level there (\`auditTrail\`, line 2 of ../../shared/src/metrics.ts): it survives into the next invocation; this tool changes handler modules only, so review that module: move the state into the function, or reset it per invocation`,
      ]);
    }
  });

  it('is not reported for a module named by an absolute path, or one too large to be a helper', () => {
    const absolute = migrateIn('absolute', { 'lib/audit.mjs': AUDIT }, 'lib/audit.mjs');
    expect(absolute.result.review).toEqual([]);
    const file = path.join(dir, 'absolute', 'h.mjs');
    fs.writeFileSync(file, `import { record } from '${path.join(dir, 'absolute', 'lib', 'audit.mjs')}';\nexport const handler = async (event) => ({ n: record(event.id) });\n`);
    expect(applyTransforms(fs.readFileSync(file, 'utf8'), file, { transforms: [transform] }).review).toEqual([]);

    const padding = `// ${'x'.repeat(100)}\n`.repeat(Math.ceil(MAX_MODULE_BYTES / 100));
    const large = migrateIn('large', { 'lib/audit.mjs': AUDIT + padding, 'h.mjs': "import { record } from './lib/audit.mjs';\nexport const handler = async (event) => ({ n: record(event.id) });\n" }, 'h.mjs');
    expect(large.result.review).toEqual([]);
  });

  it('is not reported for a module that is not there, a package, or an import the handler does not call', () => {
    const installed = migrateIn(
      'installed-package',
      { 'node_modules/counter/package.json': '{ "name": "counter", "main": "index.js" }', 'node_modules/counter/index.js': 'const entries = [];\nexports.record = (x) => { entries.push(x); return entries.length; };\n', 'h.mjs': "import { record } from 'counter';\nexport const handler = async (event) => ({ n: record(event.id) });\n" },
      'h.mjs',
    );
    expect(installed.result.review).toEqual([]);
    const { result } = migrateIn(
      'not-followed',
      { 'lib/audit.mjs': AUDIT, 'h.mjs': "import { record } from './lib/missing.mjs';\nimport { v4 } from 'uuid';\nimport { record as unused } from './lib/audit.mjs';\nexport const handler = async (event) => ({ n: record(event.id), id: v4(), f: typeof unused });\n" },
      'h.mjs',
    );
    expect(result.review).toEqual([]);
  });
});
