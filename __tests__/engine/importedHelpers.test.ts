// Without a manifest or --handler, an export whose first parameter is `event` is taken for a
// handler; a helper of a shared module (`parseBody(event)`) has that parameter too. One that a
// handler module of the project imports and calls with its own event is a helper: it is not
// migrated as a handler, and a note says why. Being imported alone is no sign (an entry file
// re-exports its handlers, a dev server imports them); tests do not count.
import fs from 'node:fs';
import path from 'node:path';
import { importsOf, isTestPath } from '../../src/engine/importedExports';
import { parseShard, shardOf } from '../../src/engine/shard';
import { migrate } from '../../src/engine/migrate';
import { makeTree, removeTree } from './tree';

const created: string[] = [];
afterAll(() => created.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const dir = makeTree(files, 'lcs-imported-helpers-');
  created.push(dir);
  return dir;
}

const PARSE_BODY = `const warnings: string[] = [];

export function parseBody(event: { body?: string }) {
  if (!event.body) warnings.push('empty body');
  return JSON.parse(event.body ?? '{}');
}
`;

const HANDLER = (specifier: string) => `import { parseBody } from '${specifier}';

export const handler = async (event: { body?: string }) => {
  const body = parseBody(event);
  return { statusCode: 200, body: JSON.stringify(body) };
};
`;

describe('helpers that take `event`, imported by the project', () => {
  it('a helper imported by a handler (relative, tsconfig paths alias) is not migrated as a handler; a note says why', async () => {
    const dir = tree({
      'tsconfig.json': JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@shared/*': ['shared/src/*'] } } }),
      'shared/src/http.ts': PARSE_BODY,
      'orders/create.ts': HANDLER('@shared/http'),
      'orders/update.ts': HANDLER('../shared/src/http'),
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path).sort()).toEqual(['orders/create.ts', 'orders/update.ts']);
    expect(result.summary.handlerModules).toBe(2);
    expect(result.notes).toEqual([
      'shared/src/http.ts: `parseBody` takes `event`, but orders/create.ts (and 1 more file) imports it and calls it with its own event: taken for a helper of that handler, not a Lambda handler, so it is not migrated as one; if Lambda calls it too, name the handlers in a manifest or with --handler',
    ]);
  });

  it('a module keeps its real handler and loses only the imported helper; CommonJS requires count', async () => {
    const dir = tree({
      'lib/api.js': "const seen = [];\nexports.validate = (event) => { seen.push(event.id); return !!event.id; };\nexports.handler = async (event) => ({ ok: exports.validate(event), seen: seen.length });\n",
      'jobs/nightly.js': "const { validate } = require('../lib/api');\nexports.handler = async (event) => validate(event);\n",
      'jobs/weekly.js': "const api = require('../lib/api');\nexports.handler = async (event) => api.validate(event);\n",
    });
    const result = await migrate({ cwd: dir });
    const api = result.files.find((f) => f.path === 'lib/api.js')!;
    expect(api.handlers).toEqual(['handler']);
    expect(result.notes).toEqual([expect.stringContaining('lib/api.js: `validate` takes `event`, but jobs/nightly.js (and 1 more file) imports it')]);
    // container-id went into the real handler only
    expect(api.after!.match(/message: 'invocation'/g)).toHaveLength(1);
  });

  it('imports from tests, type-only imports and re-exports do not make a handler a helper', async () => {
    const handlerModule = "let count = 0;\nexport async function process(event: { id: string }) {\n  count++;\n  return { id: event.id, count };\n}\n";
    const dir = tree({
      'src/process.ts': handlerModule,
      'src/index.ts': "export { process } from './process';\nexport type { Thing } from './types';\n",
      'src/types.ts': "import type { process } from './process';\nexport type Thing = typeof process;\n",
      '__tests__/process.test.ts': "import { process } from '../src/process';\nit('works', async () => expect(await process({ id: 'a' })).toBeTruthy());\n",
      'src/process.spec.ts': "import { process } from './process';\n",
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.find((f) => f.path === 'src/process.ts')?.handlers).toEqual(['process']);
    expect(result.notes).toEqual([]);
  });

  it('with a manifest or --handler nothing is reconsidered', async () => {
    const dir = tree({
      'shared/http.js': "exports.parseBody = (event) => JSON.parse(event.body || '{}');\n",
      'handler.js': "const { parseBody } = require('./shared/http');\nexports.handler = async (event) => parseBody(event);\n",
    });
    const result = await migrate({ cwd: dir, handlerNames: ['parseBody', 'handler'] });
    expect(result.files.map((f) => f.path).sort()).toEqual(['handler.js', 'shared/http.js']);
    expect(result.notes).toEqual([]);
  });

  it('the file is written with the helper untouched', async () => {
    const dir = tree({
      'shared/http.mjs': "const warnings = [];\nexport function parseBody(event) {\n  if (!event.body) warnings.push('empty');\n  return JSON.parse(event.body ?? '{}');\n}\n",
      'handler.mjs': "import * as http from './shared/http.mjs';\nexport const handler = async (event) => http.parseBody(event);\n",
    });
    const before = fs.readFileSync(path.join(dir, 'shared/http.mjs'), 'utf8');
    await migrate({ cwd: dir, write: true, force: true });
    expect(fs.readFileSync(path.join(dir, 'shared/http.mjs'), 'utf8')).toBe(before);
    expect(fs.readFileSync(path.join(dir, 'handler.mjs'), 'utf8')).toContain("message: 'invocation'");
  });
});

describe('what does not make an export a helper (a review found these taken for helpers)', () => {
  const ORDERS = "const seen: string[] = [];\nexport async function createOrder(event: { body: string }) {\n  seen.push(event.body);\n  return { statusCode: 201, body: String(seen.length) };\n}\n";

  it('a local dev server that imports a handler and calls it with an event it builds', async () => {
    const dir = tree({
      'src/handlers/orders.ts': ORDERS,
      'scripts/dev-server.ts': "import { createServer } from 'node:http';\nimport { createOrder } from '../src/handlers/orders';\ncreateServer(async (req, res) => {\n  const event = { body: 'x' };\n  res.end(JSON.stringify(await createOrder(event)));\n}).listen(3000);\n",
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => [f.path, f.handlers])).toEqual([['src/handlers/orders.ts', ['createOrder']]]);
    expect(result.notes).toEqual([]);
  });

  it('an entry file that re-exports the handlers (and has one of its own that does not call them)', async () => {
    const dir = tree({
      'src/handlers/orders.js': "const seen = [];\nexport async function createOrder(event) {\n  seen.push(event.body);\n  return seen.length;\n}\n",
      'src/handlers/users.js': "export async function getUser(event) {\n  return { id: event.id };\n}\n",
      'src/index.js': "import { createOrder } from './handlers/orders.js';\nimport * as users from './handlers/users.js';\nexport { createOrder };\nexport const getUser = users.getUser;\nexport const handler = async (event) => ({ ok: true, path: event.path });\n",
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path).sort()).toEqual(['src/handlers/orders.js', 'src/handlers/users.js', 'src/index.js']);
    expect(result.notes).toEqual([]);
  });

  it('a checkout below a folder named test or spec (the test-file rule reads paths below the project root)', async () => {
    const files = {
      'shared/http.js': "exports.parseBody = (event) => JSON.parse(event.body || '{}');\n",
      'api/create.js': "const { parseBody } = require('../shared/http');\nexports.handler = async (event) => parseBody(event);\n",
    };
    const plain = tree(files);
    const nested = makeTree({}, 'lcs-imported-helpers-');
    created.push(nested);
    const below = path.join(nested, 'test', 'spec', 'repo');
    fs.mkdirSync(below, { recursive: true });
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(below, name)), { recursive: true });
      fs.writeFileSync(path.join(below, name), text);
    }
    const [a, b] = [await migrate({ cwd: plain }), await migrate({ cwd: below })];
    expect(a.files.map((f) => f.path)).toEqual(['api/create.js']);
    expect(b.files.map((f) => f.path)).toEqual(a.files.map((f) => f.path));
    expect(b.notes).toEqual(a.notes);
  });

  it('every shard decides alike: the shards together migrate what the whole run migrates', async () => {
    // the only handler that calls the helper is in another shard than the helper's module
    const helperShard = shardOf('shared/http.js', 3);
    const importer = Array.from({ length: 50 }, (_, i) => `api/h${i}.js`).find((name) => shardOf(name, 3) !== helperShard)!;
    const dir = tree({
      'shared/http.js': "exports.parseBody = (event) => JSON.parse(event.body || '{}');\n",
      [importer]: "const { parseBody } = require('../shared/http');\nexports.handler = async (event) => parseBody(event);\n",
    });
    const whole = await migrate({ cwd: dir });
    const shards = await Promise.all([1, 2, 3].map((i) => migrate({ cwd: dir, shard: parseShard(`${i}/3`) })));
    const union = shards.flatMap((r) => r.files.map((f) => f.path)).sort();
    expect(whole.files.map((f) => f.path)).toEqual([importer]);
    expect(union).toEqual([importer]);
  });

  it('a workspace package whose name is not its folder name', async () => {
    const dir = tree({
      'package.json': JSON.stringify({ name: 'root', private: true, workspaces: ['packages/*'] }),
      'packages/common-lib/package.json': JSON.stringify({ name: '@acme/common', main: 'src/index.js' }),
      'packages/common-lib/src/index.js': "const warnings = [];\nexports.parseBody = (event) => {\n  if (!event.body) warnings.push('empty');\n  return JSON.parse(event.body || '{}');\n};\n",
      'services/api/create.js': "const { parseBody } = require('@acme/common');\nexports.handler = async (event) => parseBody(event);\n",
    });
    fs.mkdirSync(path.join(dir, 'node_modules', '@acme'), { recursive: true });
    fs.symlinkSync(path.join(dir, 'packages', 'common-lib'), path.join(dir, 'node_modules', '@acme', 'common'));
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path)).toEqual(['services/api/create.js']);
    expect(result.notes).toEqual([expect.stringContaining('packages/common-lib/src/index.js: `parseBody` takes `event`, but services/api/create.js imports it')]);
  });
});

describe('importsOf', () => {
  const names = (text: string, specifier: string, candidates: string[]) =>
    candidates.filter((name) => importsOf(text).some((i) => i.specifier === specifier && i.callsWithEvent(name)));

  it('reads calls with `event` through named, default, namespace and require imports; not type-only ones', () => {
    expect(names("import { a, b as c, type d } from './m';\na(event); c(event, 1); d(event);", './m', ['a', 'b', 'c', 'd'])).toEqual(['a', 'b']);
    expect(names("import type { a } from './m';\nimport m from './m';\nm.b(event); a(event);", './m', ['a', 'b'])).toEqual(['b']);
    expect(names("import x, * as ns from './m';\nns.a(event); x?.b(event.body); x.c(other);", './m', ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(names("const { a, b: c = 1 } = require('./m');\na(event); c(event);", './m', ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(names("const m = require('./m');\nm.a(event); other.b(event); todo.a(event);", './m', ['a', 'b'])).toEqual(['a']);
    expect(names("const f = require('./m').a;\nf(event);", './m', ['a', 'b'])).toEqual(['a']);
    expect(names("exports.handler = (event) => require('./m').a(event);", './m', ['a', 'b'])).toEqual(['a']);
  });

  it('an import that is not called with `event` takes nothing', () => {
    expect(names("import { a } from './m';\nexport { a };\nconst b = a;", './m', ['a'])).toEqual([]);
  });

  it('tells test files by their path below the root', () => {
    const root = '/work/test/repo';
    expect(['src/__tests__/a.ts', 'test/a.js', 'src/a.test.ts', 'src/a.spec.mjs', 'e2e/x.ts', 'testing/x.ts', 'src/a.integration.ts'].map((f) => isTestPath(`${root}/${f}`, root))).toEqual([true, true, true, true, true, true, true]);
    expect(['src/a.ts', 'src/latest/a.ts', 'src/contest.js'].map((f) => isTestPath(`${root}/${f}`, root))).toEqual([false, false, false]);
  });
});

describe('a run whose working directory is not the process one', () => {
  it("reads a handler's imports from the handler's folder: imported state is reported", async () => {
    const dir = tree({
      'lib/audit.js': 'const entries = [];\nexports.record = (id) => { entries.push(id); return entries.length; };\n',
      'api/handler.js': "const { record } = require('../lib/audit');\nexports.handler = async (event) => record(event.id);\n",
    });
    expect(process.cwd()).not.toBe(dir);
    const result = await migrate({ cwd: dir, transforms: ['globals'] });
    const review = result.files.find((f) => f.path === 'api/handler.js')!.review.map((r) => r.message);
    expect(review).toContainEqual(expect.stringContaining("`record` comes from '../lib/audit'"));
  });
});
