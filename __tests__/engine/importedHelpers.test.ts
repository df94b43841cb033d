// Without a manifest or --handler, an export whose first parameter is `event` is taken for a
// handler; a helper of a shared module (`parseBody(event)`) has that parameter too. One that the
// project's own code imports is a helper (Lambda does not import its handlers): it is not
// migrated as a handler, and a note says why. Tests import handlers to call them: their
// imports do not count.
import fs from 'node:fs';
import path from 'node:path';
import { importsOf, isTestPath } from '../../src/engine/importedExports';
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
      'shared/src/http.ts: `parseBody` takes `event`, but orders/create.ts (and 1 more file) imports it: taken for a helper that handlers call, not a Lambda handler (Lambda does not import its handler), so it is not migrated as one; if Lambda calls it, name the handlers in a manifest or with --handler',
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

describe('importsOf', () => {
  const names = (text: string, specifier: string, candidates: string[]) =>
    candidates.filter((name) => importsOf(text).some((i) => i.specifier === specifier && i.imports(name)));

  it('reads named, default, namespace and require imports; not type-only ones', () => {
    expect(names("import { a, b as c, type d } from './m';", './m', ['a', 'b', 'c', 'd'])).toEqual(['a', 'b']);
    expect(names("import type { a } from './m';\nimport m from './m';\nm.b();", './m', ['a', 'b'])).toEqual(['b']);
    expect(names("import x, * as ns from './m';\nns.a(); x?.b();", './m', ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(names("const { a, b: c = 1 } = require('./m');", './m', ['a', 'b', 'c'])).toEqual(['a', 'b']);
    expect(names("const m = require('./m');\nm.a(); other.b();", './m', ['a', 'b'])).toEqual(['a']);
    expect(names("const f = require('./m').a;", './m', ['a', 'b'])).toEqual(['a']);
  });

  it('tells test files by their path', () => {
    expect(['src/__tests__/a.ts', 'test/a.js', 'src/a.test.ts', 'src/a.spec.mjs', 'e2e/x.ts'].map(isTestPath)).toEqual([true, true, true, true, true]);
    expect(['src/a.ts', 'src/testing.ts', 'src/latest/a.ts', 'src/contest.js'].map(isTestPath)).toEqual([false, false, false, false]);
  });
});
