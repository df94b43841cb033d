// The pipeline with a stand-in transform: reading, pre-checks, errors, writing, and the
// patch format giving exactly what --write writes.
import fs from 'node:fs';
import path from 'node:path';
import { UncommittedChangesError } from '../../src/engine/errors';
import { getFormat } from '../../src/engine/formats';
import { migrate } from '../../src/engine/migrate';
import { git, makeRepository, makeTree, removeTree } from './tree';

jest.mock('../../src/engine/selectTransforms', () => ({
  selectTransforms: () => [require('./markTransform').markTransform],
}));

const created: string[] = [];
afterAll(() => created.forEach(removeTree));
function tree(files: Record<string, string | Buffer>, repository = false): string {
  const dir = repository ? makeRepository(files, 'lcs-migrate-') : makeTree(files, 'lcs-migrate-');
  created.push(dir);
  return dir;
}

const FILES = {
  'crlf.js': 'exports.handler = async (event) => {\r\n  return 1;\r\n};\r\n',
  'bom.ts': '\uFEFFexport const handler = async () => {\n  return 1;\n};\n',
  'shebang.js': '#!/usr/bin/env node\nexports.handler = async () => {\n  return 1;\n};\n',
  'no-newline.mjs': 'export async function handler() {\n  return 1;\n}',
  'lib.js': 'exports.helper = () => 1;\n',
  'plain.js': 'console.log(1);\n',
};

describe('migrate', () => {
  it('is a dry run by default: results, no writes', async () => {
    const dir = tree(FILES);
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path)).toEqual(['bom.ts', 'crlf.js', 'no-newline.mjs', 'shebang.js']);
    expect(result.files.every((f) => f.changed && f.before === fs.readFileSync(path.join(dir, f.path), 'utf8'))).toBe(true);
    expect(result.summary).toEqual({ filesScanned: 6, handlerModules: 4, filesChanged: 4, changesByTransform: { 'container-id': 4 }, reviewItems: 4, errors: 0, skipped: 0 });
    expect(result.files[1].changes[0]).toEqual({ transform: 'container-id', kind: 'marked', line: 1, column: 1, message: 'marked handler' });
  });

  it('writes atomically, keeps CRLF, BOM, shebang, mode and a missing final newline, and a second run changes nothing', async () => {
    const dir = tree(FILES);
    fs.chmodSync(path.join(dir, 'shebang.js'), 0o755);
    const result = await migrate({ cwd: dir, write: true });
    expect(result.files.every((f) => f.written)).toBe(true);
    const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
    expect(read('crlf.js')).toBe('exports.handler = async (event) => {\r\n  touched();\r\n  return 1;\r\n};\r\n');
    expect(read('bom.ts').startsWith('\uFEFFexport const handler')).toBe(true);
    expect(read('shebang.js').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(fs.statSync(path.join(dir, 'shebang.js')).mode & 0o777).toBe(0o755);
    expect(read('no-newline.mjs').endsWith('}')).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const again = await migrate({ cwd: dir, write: true });
    expect(again.summary.filesChanged).toBe(0);
  });

  it('gives a patch that git apply turns into exactly what --write writes', async () => {
    const dir = tree({ ...FILES, 'my dir/caf\u00e9 "x".js': FILES['crlf.js'] }, true);
    const copy = tree({});
    fs.cpSync(dir, copy, { recursive: true });
    const patch = getFormat('patch')!.render(await migrate({ cwd: dir }), { color: false });
    expect(patch).toMatch(/^diff --git a\/bom\.ts b\/bom\.ts\n--- a\/bom\.ts\n\+\+\+ b\/bom\.ts\n@@ /);
    fs.writeFileSync(path.join(dir, 'clean-slate.patch'), patch);
    git(dir, 'apply', 'clean-slate.patch');
    await migrate({ cwd: copy, write: true });
    for (const name of [...Object.keys(FILES), 'my dir/caf\u00e9 "x".js']) {
      expect(fs.readFileSync(path.join(dir, name))).toEqual(fs.readFileSync(path.join(copy, name)));
    }
  });

  it('names a file that does not parse with file:line:col, leaves it, and goes on', async () => {
    const dir = tree({ 'bad.js': 'exports.handler = async () => {\n  let x = ;\n};\n', 'good.js': FILES['crlf.js'] });
    const result = await migrate({ cwd: dir, write: true });
    expect(result.files.find((f) => f.path === 'bad.js')!.error).toMatchObject({ line: 2, column: 11 });
    expect(result.summary.errors).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'bad.js'), 'utf8')).toBe('exports.handler = async () => {\n  let x = ;\n};\n');
    expect(result.files.find((f) => f.path === 'good.js')!.written).toBe(true);
    expect(getFormat('summary')!.render(result, { color: false })).toContain('bad.js:2:11');
  });

  it('skips binary files and disabled files with a reason, before parsing', async () => {
    const dir = tree({
      'bin.js': Buffer.from([0x65, 0x78, 0x70, 0x6f, 0x72, 0x74, 0x00, 0x01]),
      'off.js': '// lambda-clean-slate-disable\nexports.handler = async () => 1;\n',
      // the directive prologue comes before any comment a file can have
      'strict-off.js': "'use strict';\n// lambda-clean-slate-disable\nconst seen = [];\nexports.handler = async (event) => { seen.push(event.id); return seen; };\n",
      'strict-on.js': "'use strict';\nconst seen = []; // lambda-clean-slate-disable\nexports.handler = async (event) => { seen.push(event.id); return seen; };\n",
      // below a licence header, still above the code
      'licensed-off.js': "/*\n * Copyright 2026 Example Corp.\n */\n// SPDX-License-Identifier: Apache-2.0\n\n/* lambda-clean-slate-disable */\nconst seen = [];\nexports.handler = async (event) => { seen.push(event.id); return seen; };\n",
      'later-on.js': "// Copyright 2026 Example Corp.\nconst seen = [];\n// lambda-clean-slate-disable\nexports.handler = async (event) => { seen.push(event.id); return seen; };\n",
      // another tool's wording that begins the same way is no disable comment
      'next-line-on.js': "// lambda-clean-slate-disable-next-line\nconst seen = [];\nexports.handler = async (event) => { seen.push(event.id); return seen; };\n",
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path)).toEqual(['later-on.js', 'next-line-on.js', 'strict-on.js']);
    expect(result.skipped).toEqual([
      { path: 'bin.js', reason: 'binary file (contains a NUL byte)', unprocessed: true },
      { path: 'licensed-off.js', reason: 'disabled by a // lambda-clean-slate-disable comment' },
      { path: 'off.js', reason: 'disabled by a // lambda-clean-slate-disable comment' },
      { path: 'strict-off.js', reason: 'disabled by a // lambda-clean-slate-disable comment' },
    ]);
  });

  it('takes handler names from --handler, and from a manifest that then excludes the files it does not name', async () => {
    const files = {
      'template.yaml': 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.main\n',
      'app.js': 'exports.main = async (event) => 1;\nexports.handler = async () => 2;\n',
      'other.js': 'exports.handler = async () => 1;\n',
    };
    const fromManifest = await migrate({ cwd: tree(files) });
    expect(fromManifest.files.map((f) => [f.path, f.handlers])).toEqual([['app.js', ['main']]]);
    expect(fromManifest.manifests).toEqual(['template.yaml']);
    const fromFlag = await migrate({ cwd: tree(files), handlerNames: ['handler'] });
    expect(fromFlag.files.map((f) => [f.path, f.handlers])).toEqual([['app.js', ['handler']], ['other.js', ['handler']]]);
    expect(fromFlag.notes).toEqual([]);
    // a mistyped --handler is said, not passed over in silence
    const typo = await migrate({ cwd: tree(files), handlerNames: ['handelr', 'main'] });
    expect(typo.notes).toEqual(['--handler "handelr": no file exports a function under that name']);
  });

  it('refuses to write over uncommitted changes unless forced', async () => {
    const dir = tree({ 'a.js': FILES['crlf.js'], 'b.js': FILES['shebang.js'] }, true);
    fs.appendFileSync(path.join(dir, 'a.js'), '// edited\r\n');
    await expect(migrate({ cwd: dir, write: true })).rejects.toThrow(UncommittedChangesError);
    await expect(migrate({ cwd: dir, write: true })).rejects.toMatchObject({ files: ['a.js'] });
    expect(fs.readFileSync(path.join(dir, 'b.js'), 'utf8')).toBe(FILES['shebang.js']);
    const forced = await migrate({ cwd: dir, write: true, force: true });
    expect(forced.files.filter((f) => f.written).map((f) => f.path)).toEqual(['a.js', 'b.js']);
  });

  it('colours the diff only when asked', async () => {
    const result = await migrate({ cwd: tree({ 'a.js': FILES['crlf.js'] }) });
    const plain = getFormat('diff')!.render(result, { color: false });
    expect(plain).toContain('--- a/a.js\n+++ b/a.js\n@@ -1,3 +1,4 @@\n exports.handler = async (event) => {\r\n+  touched();\r\n');
    expect(plain).toContain('files that would change:  1');
    expect(plain).not.toContain('\x1b[');
    expect(getFormat('diff')!.render(result, { color: true })).toContain('\x1b[32m+  touched();');
  });
});


describe('a manifest that names an export the file does not have', () => {
  it('is noted also when the text alone rules the file out', async () => {
    const dir = tree({
      'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: h.nothere\n',
      'svc/h.js': 'let n = 0;\nexports.handler = async (event) => ++n;\n',
    });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.summary.handlerModules).toBe(0);
    expect(result.notes).toContain(`${path.join('svc', 'h.js')}: a manifest names "nothere", which the file does not export as a function`);
  });
});

describe('a handler assigned to the object the module exports', () => {
  const WEBHOOK = 'const handlers = {};\nconst pending = [];\nhandlers.stripe = async (event) => { pending.push(event.id); return pending.length; };\nmodule.exports = handlers;\n';

  it('is found by the name a manifest gives, with no note that the file does not export it', async () => {
    const dir = tree({ 'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: webhook.stripe\n', 'svc/webhook.js': WEBHOOK });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.files.map((f) => [f.path, f.handlers])).toEqual([[path.join('svc', 'webhook.js'), ['stripe']]]);
    expect(result.notes).toEqual([]);
  });

  it('is found by --handler, and by the default name `handler`', async () => {
    const dir = tree({ 'webhook.js': WEBHOOK, 'api.js': 'const api = {};\napi.handler = async () => 1;\nmodule.exports = api;\n' });
    const named = await migrate({ cwd: dir, handlerNames: ['stripe'] });
    expect([named.files.map((f) => f.path), named.notes]).toEqual([['webhook.js'], []]);
    const byDefault = await migrate({ cwd: dir });
    expect(byDefault.files.map((f) => [f.path, f.handlers])).toEqual([['api.js', ['handler']], ['webhook.js', ['stripe']]]);
  });
});

describe('a manifest that names a re-exported handler', () => {
  it('notes where the handler lives instead of saying the file does not export it', async () => {
    const dir = tree({
      'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: src/app.handler\n',
      'svc/src/app.ts': "export { consume as handler } from './lib/consume.js';\n",
      'svc/src/lib/consume.ts': 'const seen: string[] = [];\nexport const consume = async (event: { id: string }) => { seen.push(event.id); return seen.length; };\n',
    });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.notes).toContain(
      `${path.join('svc', 'src', 'app.ts')}: a manifest names "handler", which the file re-exports from './lib/consume.js' (as \`consume\` there); the handler's code, and its state, are in that module: run lambda-clean-slate on it with --handler consume`,
    );
    expect(result.notes.some((n) => n.includes('does not export'))).toBe(false);
  });
});

describe('a manifest that names a handler a CommonJS module takes from another module', () => {
  it.each([
    ['exports.NAME = require(...).y', "exports.handler = require('./lib/impl').process;\n", 'handler', 'process'],
    ["module.exports['NAME'] = require(...).y", "module.exports['handler'] = require('./lib/impl').process;\n", 'handler', 'process'],
    ['module.exports = { NAME: require(...).y }', "module.exports = {\n  handler: require('./lib/impl').process,\n};\n", 'handler', 'process'],
    ['a destructured require', "const { process } = require('./lib/impl');\nexports.handler = process;\n", 'handler', 'process'],
    ['a destructured require, renamed', "const { process: run } = require('./lib/impl');\nmodule.exports = { main: run };\n", 'main', 'process'],
    ['a binding to require(...).y', "const run = require('./lib/impl').process;\nmodule.exports.main = run;\n", 'main', 'process'],
    ['module.exports = require(...).y', "module.exports = require('./lib/impl').handlers;\n", 'create', 'handlers.create'],
    ['a property of a binding to require(...)', "var reports = require('./lib/impl');\nexports.reports = reports.generate;\n", 'reports', 'generate'],
    ['a property of a const binding to require(...), in an exported object', "const impl = require('./lib/impl');\nmodule.exports = { main: impl.process };\n", 'main', 'process'],
    ['a property of a binding to require(...).y', "const impl = require('./lib/impl').handlers;\nexports.main = impl.create;\n", 'main', 'handlers.create'],
  ])('%s: notes the module and the name there', async (_how, source, name, local) => {
    const dir = tree({
      'svc/serverless.yml': `service: s\nfunctions:\n  one:\n    handler: src/app.${name}\n`,
      'svc/src/app.js': source,
    });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.notes).toEqual([
      `${path.join('svc', 'src', 'app.js')}: a manifest names "${name}", which the file re-exports from './lib/impl' (as \`${local}\` there); the handler's code, and its state, are in that module: run lambda-clean-slate on it with --handler ${local}`,
    ]);
  });

  it('is not said of a property of a binding to what a required function returns, nor of one not made by require', async () => {
    for (const source of ["var impl = require('./lib/impl')(config);\nexports.main = impl.run;\n", "var impl = load('./lib/impl');\nexports.main = impl.run;\n"]) {
      const dir = tree({ 'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: src/app.main\n', 'svc/src/app.js': source });
      const result = await migrate({ cwd: dir, paths: ['svc'] });
      expect(result.notes).toEqual([`${path.join('svc', 'src', 'app.js')}: a manifest names "main", which the file does not export as a function`]);
    }
  });

  it('is not said of a property that is called: what the call returns is no function of that module', async () => {
    const dir = tree({
      'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: src/app.main\n',
      'svc/src/app.js': "exports.main = require('./lib/impl').make(1).run;\n",
    });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.notes).toEqual([`${path.join('svc', 'src', 'app.js')}: a manifest names "main", which the file does not export as a function`]);
  });
});

describe('a manifest that names a handler the file exports conditionally', () => {
  it.each([
    ['in if and else', 'if (process.env.USE_B) { exports.handler = b; } else { exports.handler = a; }\n'],
    ['by ? :', 'exports.handler = process.env.USE_B ? b : a;\n'],
  ])('%s: a handler module with a review item, and no note that it exports none', async (_how, choice) => {
    const dir = tree({
      'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: index.handler\n',
      'svc/index.js': `'use strict';\nvar seen = [];\nfunction a(event, context, callback) { seen.push(event.id); callback(null, { a: seen.length }); }\nfunction b(event, context, callback) { seen.push(event.id); callback(null, { b: seen.length }); }\n${choice}`,
    });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.notes).toEqual([]);
    expect(result.summary.handlerModules).toBe(1);
    expect(result.files[0].review.map((r) => [r.kind, r.line])).toEqual([['handler-not-followed', 5]]);
  });
});

describe('a default export that takes an event, with nothing naming `default`', () => {
  it.each([
    ['index.mjs', 'let count = 0;\nexport default async (event) => { count++; return count; };\n'],
    ['index.mjs', 'export default function (event, context) { return event; }\n'],
    ['index.js', 'module.exports = async function handle(event) { return event; };\n'],
  ])('%s is left alone with a one-line note saying why', async (file, source) => {
    const dir = tree({ [`svc/${file}`]: source });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.summary.handlerModules).toBe(0);
    expect(result.notes).toEqual([`${path.join('svc', file)}: its default export takes \`event\` but is no handler here: \`export default\` and \`module.exports = fn\` count as a handler only when a manifest or --handler names \`default\` (Lambda looks a handler up by name); left alone`]);
  });

  it('gets no note when it is named, nor beside a handler, nor for other default exports', async () => {
    const named = tree({ 'svc/serverless.yml': 'service: s\nfunctions:\n  one:\n    handler: index.default\n', 'svc/index.mjs': 'export default async (event) => event;\n' });
    expect((await migrate({ cwd: named, paths: ['svc'] })).notes).toEqual([]);
    const beside = tree({ 'svc/index.mjs': 'export const handler = async (event) => event;\nexport default async (event) => event;\n' });
    expect((await migrate({ cwd: beside, paths: ['svc'] })).notes).toEqual([]);
    const other = tree({ 'svc/index.mjs': 'export default async (input) => input;\nexport const helper = (event) => event;\n' });
    expect((await migrate({ cwd: other, paths: ['svc'] })).notes).toEqual([]);
  });
});

describe('a manifest that names a handler re-exported wholesale', () => {
  it.each([
    ['export * from', "export * from './lib/consume.js';\n", 'app.ts'],
    ['module.exports = require', "module.exports = require('./lib/consume.js');\n", 'app.js'],
  ])('%s: notes the module the handler comes from', async (_how, reexport, file) => {
    const dir = tree({
      'svc/serverless.yml': `service: s\nfunctions:\n  one:\n    handler: src/${file.replace(/\.[jt]s$/, '')}.handler\n`,
      [`svc/src/${file}`]: reexport,
    });
    const result = await migrate({ cwd: dir, paths: ['svc'] });
    expect(result.notes).toEqual([expect.stringContaining(`a manifest names "handler", which the file re-exports from './lib/consume.js'; the handler's code, and its state, are in that module: run lambda-clean-slate on it with --handler handler`)]);
  });
});
