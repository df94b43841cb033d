// What a module exports, read from its source only where the source settles it: a handler
// it does not export is reported before anything runs. Lambda's view: the Node runtime
// require()s a CommonJS module and follows the handler string's property path from
// module.exports, so `module.exports = fn` has no `default` (an ES module's `export default` has).
import path from 'node:path';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { simulate } from '../../src/simulate';
import { missingHandler, staticExportsOf } from '../../src/simulate/staticExports';

function exportsOf(source: string, parser: 'babel' | 'tsx' = 'babel') {
  const j = jscodeshiftFor(parser);
  return staticExportsOf(j, j(source));
}

describe('staticExportsOf', () => {
  it.each([
    ['export const handler = async () => 1; export function other() {}', ['handler', 'other']],
    ['const a = 1; export { a as handler, a }; export default function () {}', ['handler', 'a', 'default']],
    ['exports.handler = async () => 1; module.exports.other = 2; exports.handlers = {}; exports.handlers.create = 1;', ['handler', 'other', 'handlers']],
    ["module.exports = { handler, 'quoted': 1, method() {} };", ['handler', 'quoted', 'method']],
  ])('%s', (source, names) => {
    expect(exportsOf(source)).toEqual({ kind: 'object', names });
  });

  // a function or class has properties the source does not settle: the run looks
  it.each([
    'module.exports = async function (event) {};',
    'const run = async (event) => {};\nmodule.exports = run;',
    'function run() {}\nmodule.exports = run;\nmodule.exports.extra = 1;',
    'class App {\n  static async handler(event) { return "ok"; }\n}\nmodule.exports = App;',
    'function main(event) { return Promise.resolve("ok"); }\nmain.handler = main;\nmodule.exports = main;',
    'module.exports = class { static handler() {} };',
    'const o = {};\no.handler = () => 1;\nmodule.exports = o;',
    'const o = module.exports = {};\no.handler = () => 1;',
  ])('module.exports = a function, a class or a value given properties elsewhere: not settled (%s)', (source) => {
    expect(exportsOf(source)).toBeUndefined();
  });

  it.each([
    "export * from './other';",
    'module.exports = require("./impl");',
    'module.exports = { ...shared };',
    'exports[name] = fn;',
    'Object.assign(module.exports, { handler });',
    'Object.defineProperty(exports, "__esModule", { value: true }); exports.handler = 1;',
    'module.exports = a; module.exports = b;',
    'export const { handler } = make();',
    'function f(exports) { exports.handler = 1; }',
  ])('not settled by the source: %s', (source) => {
    expect(exportsOf(source)).toBeUndefined();
  });

  it('TypeScript: types are no exports, `export =` is not settled', () => {
    expect(exportsOf('export type A = string; export interface B {} export const handler = () => 1;', 'tsx')).toEqual({ kind: 'object', names: ['handler'] });
    expect(exportsOf('export = { handler };', 'tsx')).toBeUndefined();
  });
});

describe('missingHandler', () => {
  it('a name the module does not export', () => {
    expect(missingHandler({ kind: 'object', names: ['handler'] }, 'main', 'app')).toBe('the module exports nothing at `main` (exports: handler); name the handler with --handler');
    expect(missingHandler({ kind: 'object', names: ['handlers'] }, 'handlers.create', 'app')).toBeUndefined();
  });

  it('`file.default` on module.exports = fn: Lambda would not find it either', () => {
    expect(missingHandler({ kind: 'function', names: [] }, 'default', 'legacy')).toBe(
      "module.exports is a function (module.exports = fn), with no property `default` (its properties: none): Lambda's Node runtime require()s a CommonJS module and looks the handler up as a property of module.exports, so the handler string `legacy.default` would not find it either (Runtime.HandlerNotFound); export the function under a name (module.exports.handler = fn, or exports.default = fn for `.default`) and name that",
    );
  });
});

describe('the same answer when the run finds it out', () => {
  it('a module.exports = fn the source does not settle (built by a call)', async () => {
    const result = await simulate({ file: path.join(__dirname, 'fixtures', 'exports-made-function.js'), handler: 'default', events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toMatch(
      /^cannot load .*exports-made-function\.js: TypeError: module\.exports is a function \(module\.exports = fn\), with no property `default` \(its properties: none\): Lambda's Node runtime require\(\)s a CommonJS module .* the handler string `exports-made-function\.default` would not find it either \(Runtime\.HandlerNotFound\)/,
    );
  });

  it.each([
    ['a class with a static handler', 'class App {\n  static async handler(event) { return "ok"; }\n}\nmodule.exports = App;\n'],
    ['a function given a handler property', 'function main(event) { return Promise.resolve("ok"); }\nmain.handler = main;\nmodule.exports = main;\n'],
  ])('module.exports = %s: Lambda finds `handler`, and so does simulate', async (_, source) => {
    const dir = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'lcs-static-exports-'));
    try {
      const file = path.join(dir, 'app.js');
      require('node:fs').writeFileSync(file, source);
      const result = await simulate({ file, handler: 'handler', events: [{}] });
      expect(result.failure).toBeUndefined();
      expect(result.verdict).toBe('clean');
      expect(result.invocations[0].cold.outcome).toEqual({ status: 'ok', value: 'ok' });
    } finally {
      require('node:fs').rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a function export without the property: the run reports it as Lambda would', async () => {
    const dir = require('node:fs').mkdtempSync(path.join(require('node:os').tmpdir(), 'lcs-static-exports-'));
    try {
      const file = path.join(dir, 'legacy.js');
      require('node:fs').writeFileSync(file, 'module.exports = async function (event) { return 1; };\n');
      const result = await simulate({ file, handler: 'default', events: [{}] });
      expect(result.verdict).toBe('failed');
      expect(result.failure).toMatch(/module\.exports is a function \(module\.exports = fn\), with no property `default` .* the handler string `legacy\.default` would not find it either/);
    } finally {
      require('node:fs').rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an ES module with export default: found at `default`', async () => {
    const result = await simulate({ file: path.join(__dirname, 'fixtures', 'export-default.mjs'), handler: 'default', events: [{}, {}] });
    expect(result.verdict).toBe('leak');
  });
});
