// The text pre-check may only rule out files that hold no handler: every handler module
// among the fixtures passes it, and each export form passes in the spellings the parser
// accepts (comments, escapes).
import fs from 'node:fs';
import path from 'node:path';
import { findHandlers } from '../../src/analysis/handlers';
import { jscodeshiftFor, parserFor } from '../../src/analysis/parser';
import { mayHoldHandler } from '../../src/engine/precheck';
import { scanForHandlers } from '../../src/engine/scanHandlers';

const mayExportHandler = (text: string, file: string, names: string[] | undefined) => scanForHandlers(text, file, names) !== false;

const FIXTURES = path.join(__dirname, '..', '..', '__testfixtures__');

function fixtureFiles(): string[] {
  return fs.readdirSync(FIXTURES).flatMap((transform) =>
    fs
      .readdirSync(path.join(FIXTURES, transform))
      .filter((name) => /\.(input|output)\.[cm]?[jt]sx?$/.test(name))
      .map((name) => path.join(FIXTURES, transform, name)),
  );
}

function handlerNames(file: string): string[] | undefined {
  const options = file.replace(/\.(input|output)\.[^.]+$/, '.options.json');
  return fs.existsSync(options) ? JSON.parse(fs.readFileSync(options, 'utf8')).handler : undefined;
}

describe('mayHoldHandler', () => {
  it('lets through every fixture in which findHandlers finds a handler, and the scan agrees', () => {
    let handlerModules = 0;
    for (const file of fixtureFiles()) {
      const text = fs.readFileSync(file, 'utf8');
      const names = handlerNames(file);
      const j = jscodeshiftFor(parserFor(file)!);
      const found = findHandlers(j, j(text.replace(/^\uFEFF/, '')), { names }).length > 0;
      if (!found) continue;
      handlerModules++;
      expect([file, mayHoldHandler(text, names)]).toEqual([file, true]);
      expect([file, mayExportHandler(text, file, names)]).toEqual([file, true]);
    }
    expect(handlerModules).toBeGreaterThan(50);
  });

  it.each([
    ['exports.handler = async () => {}'],
    ['module.exports = { handler: main }'],
    ['export const handler = async (e) => e'],
    ['export { main as handler }'],
    ['export function process(event, context) {}'],
    ['export const run = async (/* the request */ event) => {}'],
    ['export const run = async (\n  // the request\n  event: APIGatewayProxyEvent,\n) => {}'],
    ['export const run = async (\n  /* the\n  request */\n  event,\n) => {}'],
    ['export const run = event => event'],
    ['export const run = async event /* request */ => event'],
    ['exports.run = function (ev\\u0065nt) {}'],
    ['module.exports = { "\\x68andler": main }'],
    ['module.exports = { "hand\\\nler": main }'],
    ['module.exports = {\n  // the Lambda entry point\n  handler,\n};'],
    ['const api = { async handler(event) {} };\nmodule.exports = api;'],
    ["export = { 'handler': main };"],
    ['export declare function handler(e: unknown): Promise<void>;'],
    ['async function main(e) {}\nexport { main as handler };'],
    ['export const run = async (event?: Event) => {}'],
    ['export const run = async (event = {}) => event'],
    ['exports.run = function (event /*: Event */) {}'],
    ['exports.run = function (event\n  // the request\n  , context) {}'],
    ['module.exports = { a: 1, handler };'],
    ['module.exports = {\n  create, handler };'],
    ['const api = {\n  // see (the docs\n  handler,\n};\nmodule.exports = api;'],
    ['const api = { async handler(event) {} };\nmodule.exports = api;\nfunction f(a, handler, b) {}'],
    ['export async function main(this: void, event: { id: string }) {}'],
    ['export async function main(this: Window, event: Event) {}'],
    ['export = { async handler<T extends { id: string }>(e: T) { return e.id; } };'],
    ['export const config = { timeout: 3 }, handler = async (e) => e;'],
    ['export let cfg, handler: (e: unknown) => unknown = (e) => e;'],
    // comments inside the export syntax
    ['export /* the entry point */ const handler = async () => {};'],
    ['export async /* v2 */ function handler() {}'],
    ['export // the entry point\nconst handler = async () => {};'],
    ['exports /* api */ .handler = async () => {};'],
    ["exports['handler'] = async () => {};"],
    ['module /* cjs */ .exports = { handler };'],
    ['export const config = {}, handler /* main */ = async () => {};'],
    ['exports.run = async (/* a /* b */ event) => {};'],
    // a property the module assigns to the object it exports
    ['const api = {};\napi.handler = async () => {};\nmodule.exports = api;'],
    ["const api = {};\napi[ 'handler' ] /* main */ = async () => {};\nmodule.exports = api;"],
    // ... or to the exports object held in a name
    ['const api = module.exports = {};\napi.handler = async () => {};'],
    ['var api = exports;\napi.handler = async () => {};'],
    ["const api = module /* cjs */ .exports;\napi['handler'] = async () => {};"],
  ])('lets through %j', (text) => {
    expect(mayHoldHandler(text)).toBe(true);
  });

  it.each([
    ['export /* the entry point */ const handler = async () => {};'],
    ['export async /* v2 */ function handler() {}'],
    ['export // the entry point\nconst handler = async () => {};'],
    ['exports /* api */ .handler = async () => {};'],
    ["exports['handler'] = async () => {};"],
    ['const handler = async () => {};\nmodule /* cjs */ .exports = { handler };'],
    ['export const config = {}, handler /* main */ = async () => {};'],
    ['exports.run = async (/* a /* b */ event) => {};'],
    ["const api = {};\napi[ 'handler' ] /* main */ = async () => {};\nmodule.exports = api;"],
    ['var api = exports;\napi.handler = async () => {};'],
    ["const api = module /* cjs */ .exports;\napi['handler'] = async () => {};"],
  ])('is right to let through %j: findHandlers finds a handler there', (text) => {
    const j = jscodeshiftFor('babel');
    expect(findHandlers(j, j(text), {}).length).toBeGreaterThan(0);
  });

  it.each([
    ['const handler = () => {}; handler();'],
    ['module.exports = function events(x) {}'],
    ['export const run = (events) => events'],
    ['export const run = (evt) => evt'],
    ['exports.x = (/* event */ request) => request'],
    ['function handler(event) {}'],
    ['exports.x = 1;\n' + '(/* '.repeat(2000)],
    // libraries that mention a handler without exporting one under that name
    ['this.handler(req); module.exports = Router;'],
    ['exports.on = function (name, handler) { listeners.push(handler); };'],
    ['module.exports = function wrap(fn) { return (req) => this.handler(req, fn); };'],
    // a handler in a parameter or argument list is no object key
    ['module.exports = factory();\nfunction TryStatement(block, handler, finalizer) {}'],
    ["module.exports = Router;\nrouter.on('handler', fn);"],
    // a `handler` property compared, or assigned without an object exported whole
    ['module.exports = Router;\nif (this.handler === fn) run();'],
    ['this.handler = fn;\nexports.x = 1;'],
    ['var api = exports.helpers;\napi.handler = fn;'],
    // `(event` that begins an expression, not a parameter list
    ['exports.merge = (a) => (event === undefined ? a : event);'],
    ['exports.kind = () => (event.type);'],
    ['exports.kind = () => (event?.type ?? (event ?? 1));'],
  ])('rules out %j', (text) => {
    expect(mayHoldHandler(text)).toBe(false);
  });

  it('reads a banner of slashes after `handler` as one comment (it used to try every split of it, without end)', () => {
    const banner = '/'.repeat(80);
    expect(mayHoldHandler(`export const config = { a: 1 };\n// the handler\n${banner}\nexport const main = (x) => x;\n`)).toBe(false);
    expect(mayHoldHandler(`export ${banner}\nconst handler = async () => {};\n`)).toBe(true);
  });

  it('with names, wants each non-default segment written somewhere', () => {
    expect(mayHoldHandler('module.exports = { handlers: { create } }', ['handlers.create'])).toBe(true);
    expect(mayHoldHandler('exports.main = async () => {}', ['handler'])).toBe(false);
    expect(mayHoldHandler('module.exports = async () => {}', ['default'])).toBe(true);
    expect(mayHoldHandler('const x = 1;', ['default'])).toBe(false);
  });
});

describe('mayExportHandler', () => {
  it('rules out a file that mentions handler without exporting one, and defers on a parse error', () => {
    expect(mayExportHandler('const handler = () => {};\nexports.run = () => handler();\n', 'a.js', undefined)).toBe(false);
    expect(mayExportHandler('exports.handler = async (event) => {};\n', 'a.js', undefined)).toBe(true);
    expect(mayExportHandler('exports.handler = async (event) => { let x = ; };\n', 'a.js', undefined)).toBe(true);
    expect(mayExportHandler('#!/usr/bin/env node\nexport const handler = async (event: unknown) => event;\n', 'a.ts', undefined)).toBe(true);
  });
});
