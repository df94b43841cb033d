import { findHandlers } from '../src/analysis/handlers';
import { jscodeshiftFor, parserFor } from '../src/analysis/parser';

function names(source: string, file = 'index.js', wanted?: string[]) {
  const j = jscodeshiftFor(parserFor(file)!);
  return findHandlers(j, j(source), { names: wanted }).map((h) => `${h.name}:${h.style}:${h.contextParam}`);
}

describe('findHandlers', () => {
  it.each([
    ['exports.handler = async (event) => {}', ['handler:async:null']],
    ['module.exports.handler = function (event, context, cb) {}', ['handler:callback:context']],
    ['const handler = async (e, ctx) => {}; module.exports = { handler }', ['handler:async:ctx']],
    ['module.exports = { handler: async function (e) {} }', ['handler:async:null']],
    ['export const handler = async (event, context) => {}', ['handler:async:context']],
    ['export async function handler(event) {}', ['handler:async:null']],
    ['async function main(e) {}; export { main as handler }', ['handler:async:null']],
    ['const base = async (event) => {}; export const handler = middy(base).use(x()).use(y())', ['handler:async:null']],
    ['export const handler = middy().use(a()).handler(async (event, context) => {})', ['handler:async:context']],
    ['export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {})', ['handler:async:context']],
    ['export const process = async (event) => {}', ['process:async:null']],
    ['export const helper = async (x) => {}', []],
    ['export default async (event) => {}', []],
    ['module.exports = async (event) => {}', []],
    ['const x = 1', []],
    // CommonJS forms
    ['module.exports = { handler: async (event, context) => {} }', ['handler:async:context']],
    ['module.exports = { async handler(event, ctx) {} }', ['handler:async:ctx']],
    ['module.exports = { get handler() { return 1 } }', []],
    ['function handler(event, context, callback) { callback(null, 1) }\nexports.handler = handler', ['handler:callback:context']],
    ["exports['handler'] = async (event) => {}", ['handler:async:null']],
    ['module.exports[`handler`] = async (event, context) => {}', ['handler:async:context']],
    ['exports[name] = async (event) => {}', []],
    ['exports.handler = handler; async function handler(event, _context) {}', ['handler:async:_context']],
    ['const impl = { handler: async (event) => {} }; module.exports = impl', ['handler:async:null']],
    ['exports.main = exports.handler = async (event, context) => {}', ['main:async:context']],
    ['exports.handler = (event) => new Promise((resolve) => resolve(event))', ['handler:promise:null']],
    ['exports.handler = function (event, context) { return fetch(1).then((r) => r) }', ['handler:promise:context']],
    ['exports.handler = (event, context) => ({ statusCode: 200 })', ['handler:sync:context']],
    ['exports.handler = ({ body }, { awsRequestId }) => body', ['handler:sync:null']],
    // ESM and TypeScript forms
    ['export async function handler(event, context) {}', ['handler:async:context']],
    ['const run = async (event, context) => {}; export { run as handler }', ['handler:async:context']],
    ['export const handlers = { create: async (event) => {}, remove: async (event) => {} }', ['handlers.create:async:null', 'handlers.remove:async:null']],
    // wrapped handlers
    ['const base = async (event, context) => {}; export const handler = middy(base)', ['handler:async:context']],
    ['export const handler = middy(async (event, context) => {}).use(a())', ['handler:async:context']],
    ['const base = async (event, ctx) => {}; const wrapped = middy(base); export const handler = wrapped.use(a())', ['handler:async:ctx']],
    ['exports.handler = Sentry.wrapHandler(middy(async (event, context) => {}))', ['handler:async:context']],
    ['exports.handler = withTracing(async function work(event, context) {}, { name: "x" })', ['handler:async:context']],
    ['exports.handler = awslambda.streamifyResponse(async (event, responseStream, _context) => {})', ['handler:async:_context']],
    ['const stream = async (event, responseStream) => {}; export const handler = awslambda.streamifyResponse(stream)', ['handler:async:null']],
    ['export const handler = awslambda.streamifyResponse((event, responseStream, context) => { responseStream.end() })', ['handler:sync:context']],
    // not handlers
    ['exports.handler = "index.handler"', []],
    ['exports.handler = require("./impl").handler', []],
    ['export const handler = createHandler({ routes })', []],
    ['import { handler as impl } from "./impl"; export const handler = middy(impl)', []],
    ['export { handler } from "./impl"', []],
    ['export const event = { type: "tmp" }; export const tmp = "/tmp/x"', []],
    ['function process(event) {} exports.run = (tmp) => process(tmp)', []],
    ['let handler; module.exports = { handler }', []],
    ['export default { handler: async (event) => {} }', []],
  ])('%s', (source, expected) => {
    expect(names(source)).toEqual(expected);
  });

  it('finds a class method exported as a bound handler (Powertools decorator style) or a static method', () => {
    const ts = `class Lambda {\n  @tracer.captureLambdaHandler()\n  public async handler(_event: unknown, context: Context): Promise<void> {}\n}\nconst handlerClass = new Lambda();\nexport const handler = handlerClass.handler.bind(handlerClass);`;
    expect(names(ts, 'a.ts')).toEqual(['handler:async:context']);
    expect(names('class App { async handler(event, ctx) {} }\nconst app = new App();\nexports.handler = app.handler.bind(app);')).toEqual(['handler:async:ctx']);
    expect(names('class App { static async handler(event) {} }\nexports.handler = App.handler;')).toEqual(['handler:async:null']);
    // not a method of a class declared here, or the wrong kind of member
    expect(names("const { Router } = require('x');\nconst r = new Router();\nexports.handler = r.handler.bind(r);")).toEqual([]);
    expect(names('class App { static async handler(event) {} }\nconst app = new App();\nexports.handler = app.handler.bind(app);')).toEqual([]);
    expect(names('class App { get handler() { return () => 1; } }\nconst app = new App();\nexports.handler = app.handler;')).toEqual([]);
  });

  it('finds a method, or a function-valued property, of a module-level const object literal', () => {
    const ts = `interface Consumer { handle(event: SQSEvent): Promise<number> }\nconst ids: string[] = [];\nexport const consumer: Consumer = { async handle(event) { ids.push(event.id); return ids.length; } };\nexport const handler = consumer.handle;`;
    expect(names(ts, 'iface.ts', ['handler'])).toEqual(['handler:async:null']);
    expect(names('const api = { handle: async (event, ctx) => {} };\nexports.handler = api.handle;')).toEqual(['handler:async:ctx']);
    expect(names('const api = { handle: async (event, ctx) => {} };\nexports.handler = api.handle.bind(api);')).toEqual(['handler:async:ctx']);
    expect(names("const api = { 'handle': function (event, context, cb) {} };\nexports.handler = api['handle'];")).toEqual(['handler:callback:context']);
    expect(names('async function run(event) {}\nconst api = { handle: run };\nexports.handler = api.handle;')).toEqual(['handler:async:null']);
    expect(names('const api = { routes: { create: async (event, ctx) => {} } };\nexports.handler = api.routes.create;')).toEqual(['handler:async:ctx']);
    // bound arguments still fill the first parameters
    const j = jscodeshiftFor('babel');
    const bound = findHandlers(j, j('const api = { async handle(deps, event, ctx) {} };\nexports.handler = api.handle.bind(api, deps);')).map((h) => [h.name, h.contextParam, h.eventParamIndex]);
    expect(bound).toEqual([['handler', 'ctx', 1]]);
  });

  it('leaves a member of an object literal the module may change, or that is no plain property', () => {
    // the property (or an object on the way to it) is written elsewhere
    expect(names('const api = { handle: async (event) => {} };\napi.handle = wrap(api.handle);\nexports.handler = api.handle;')).toEqual([]);
    expect(names('const api = { handle: async (event) => {} };\nObject.assign(api, other);\nexports.handler = api.handle;')).toEqual([]);
    expect(names('const api = { routes: { create: async (event) => {} } };\napi.routes = other;\nexports.handler = api.routes.create;')).toEqual([]);
    expect(names('const api = { handle: async (event) => {} };\napi[key] = other;\nexports.handler = api.handle;')).toEqual([]);
    // not a const, a getter, a spread after it, no such property
    expect(names('let api = { handle: async (event) => {} };\nexports.handler = api.handle;')).toEqual([]);
    expect(names('const api = { get handle() { return async (event) => {}; } };\nexports.handler = api.handle;')).toEqual([]);
    expect(names('const api = { handle: async (event) => {}, ...more };\nexports.handler = api.handle;')).toEqual([]);
    expect(names('const api = { other: async (event) => {} };\nexports.handler = api.handle;')).toEqual([]);
    // a write of another property leaves it found
    expect(names('const api = { handle: async (event) => {} };\napi.count = 1;\nexports.handler = api.handle;')).toEqual(['handler:async:null']);
  });

  it('counts the parameters `.bind` fills in front of the event, context and callback Lambda passes', () => {
    const j = jscodeshiftFor('babel');
    const find = (source: string, wanted?: string[]) =>
      findHandlers(j, j(source), { names: wanted }).map((h) => [h.name, h.style, h.contextParam, h.eventParamIndex, h.contextParamIndex]);
    // dependency injection: `deps` is bound, the event is the second parameter, the context the third
    expect(find('async function main(deps, event, context) {}\nexports.handler = main.bind(null, deps);')).toEqual([['handler', 'async', 'context', 1, 2]]);
    // a third parameter counted from the event is a callback; one counted from the start is not
    expect(find('function main(deps, event, context) {}\nexports.handler = main.bind(null, deps);')).toEqual([['handler', 'sync', 'context', 1, 2]]);
    expect(find('function main(a, b, event, ctx, cb) {}\nexports.handler = main.bind(obj, a, b);')).toEqual([['handler', 'callback', 'ctx', 2, 3]]);
    // `this` alone, or nothing, fills no parameter
    expect(find('async function main(event, context) {}\nexports.handler = main.bind(null);')).toEqual([['handler', 'async', 'context', 0, 1]]);
    expect(find('class App { async handler(deps, event, ctx) {} }\nconst app = new App();\nexports.handler = app.handler.bind(app, deps);')).toEqual([['handler', 'async', 'ctx', 1, 2]]);
    // a bound function bound again takes both lists; a wrapper hands its arguments to the bound function
    expect(find('async function main(a, b, event) {}\nexports.handler = main.bind(null, a).bind(null, b);')).toEqual([['handler', 'async', null, 2, 3]]);
    expect(find('async function main(deps, event) {}\nexports.handler = middy(main.bind(null, deps)).use(x());')).toEqual([['handler', 'async', null, 1, 2]]);
    expect(find('async function main(deps, event) {}\nexports.handler = awslambda.streamifyResponse(main.bind(null, deps));')).toEqual([['handler', 'async', null, 1, 3]]);
    // not known: a spread among the bound arguments, arguments bound to what a wrapper returns,
    // one function exported both bound and not
    expect(find('async function main(a, b, event, context) {}\nexports.handler = main.bind(null, ...deps);')).toEqual([['handler', 'async', null, null, null]]);
    expect(find('async function main(event, context) {}\nexports.handler = middy(main).bind(null, deps);')).toEqual([['handler', 'async', null, null, null]]);
    expect(find('async function main(deps, event, context) {}\nexports.handler = main.bind(null, deps);\nexports.raw = main;', ['handler', 'raw'])).toEqual([['handler', 'async', null, null, null]]);
  });

  it('takes a bound function for a handler by the first parameter after the bound ones', () => {
    expect(names('function main(deps, event) {}\nexports.process = main.bind(null, deps);')).toEqual(['process:sync:null']);
    // `event` is bound, not passed by Lambda
    expect(names('function format(event, options) {}\nexports.formatOrder = format.bind(null, orderEvent);')).toEqual([]);
    // where the event lands is not known
    expect(names('function main(deps, event) {}\nexports.process = main.bind(null, ...deps);')).toEqual([]);
  });

  it('gives a real line for every export form, including export (async) function', () => {
    const j = jscodeshiftFor('babel');
    const source = 'let x = 0;\n\nexport async function handler(event) {\n  return x++;\n}\nexport function other(event) {}\n';
    expect(findHandlers(j, j(source)).map((h) => [h.name, h.line])).toEqual([['handler', 3], ['other', 6]]);
    const ts = jscodeshiftFor('ts');
    expect(findHandlers(ts, ts('\nexport async function handler(event: unknown) {}\n')).map((h) => h.line)).toEqual([2]);
  });

  it('reads typed TypeScript handlers', () => {
    expect(names('import type { Handler } from "aws-lambda";\nexport const handler: Handler<A, B> = async (event, context) => { return 1 as B }', 'a.ts')).toEqual(['handler:async:context']);
  });

  it('reads TypeScript handlers with annotated parameters, assertions and satisfies', () => {
    expect(names('import type { Context } from "aws-lambda";\nexport async function handler(event: E, context: Context): Promise<R> { return r }', 'a.ts')).toEqual(['handler:async:context']);
    expect(names('export const handler = (async (event, ctx) => {}) satisfies Handler', 'a.ts')).toEqual(['handler:async:ctx']);
    expect(names('export const handler = middy<E, R>(async (event: E, _ctx: Context) => ({} as R))', 'a.ts')).toEqual(['handler:async:_ctx']);
    expect(names('const handler = async (event: E, context: C) => {};\nexport = { handler }', 'a.cts')).toEqual(['handler:async:context']);
    expect(names('const App = () => <div />;\nexport const handler = async (event: E) => render(<App />)', 'a.tsx')).toEqual(['handler:async:null']);
  });

  it('gives the context parameter position: third for streamifyResponse', () => {
    const j = jscodeshiftFor('babel');
    const find = (source: string) => findHandlers(j, j(source)).map((h) => h.contextParamIndex);
    expect(find('exports.handler = async (event, context) => {}')).toEqual([1]);
    expect(find('exports.handler = awslambda.streamifyResponse(async (event, stream, context) => {})')).toEqual([2]);
  });

  it('returns the function that does the work, once even when exported twice', () => {
    const j = jscodeshiftFor('babel');
    const source = 'const base = async function work(event) {}; exports.handler = middy(base); exports.other = base';
    const found = findHandlers(j, j(source), { names: ['handler', 'other'] });
    expect(found).toHaveLength(1);
    expect((found[0].fn.node as any).id.name).toBe('work');
  });

  it('reports where the handler is exported', () => {
    const j = jscodeshiftFor('babel');
    const [found] = findHandlers(j, j('const x = 1;\n\nexports.handler = async (event) => {}'));
    expect([found.line, found.column]).toEqual([3, 1]);
  });

  it('takes names from a manifest, including default and nested paths', () => {
    expect(names('export default async function (event, context) {}', 'a.mjs', ['default'])).toEqual(['default:async:context']);
    expect(names('export default { handler: async (event) => {} }', 'a.mjs', ['default.handler'])).toEqual(['default.handler:async:null']);
    expect(names('export const app = { handlers: { create: async (e) => {} } }', 'a.mjs', ['app.handlers.create'])).toEqual(['app.handlers.create:async:null']);
    expect(names('module.exports = async (e) => {}', 'a.js', ['handler'])).toEqual([]);
    expect(names('module.exports = async (e) => {}', 'a.js', ['default'])).toEqual(['default:async:null']);
    expect(names('module.exports.handlers = { create: async (e) => {} }', 'a.js', ['handlers.create'])).toEqual(['handlers.create:async:null']);
    expect(names('exports.handler = async (e) => {}; exports.other = async (event) => {}', 'a.js', ['other'])).toEqual(['other:async:null']);
  });
});

describe('browser code under the fallback rule', () => {
  it.each([
    ['a component with JSX', 'export function onClick(event: { target: unknown }) { return event.target; }\nexport const Counter = () => <button onClick={onClick}>+</button>;\n', 'Counter.tsx', []],
    ['an import of react', "import { useState } from 'react';\nexport function onChange(event) { return useState(event); }\n", 'form.js', []],
    ['server-side rendering', "import { renderToString } from 'react-dom/server';\nconst renders = [];\nexport async function render(event) { renders.push(event.path); return renders.length; }\n", 'ssr.mjs', ['render:async:null']],
    ['a headless browser driven from a Lambda', "import puppeteer from 'puppeteer-core';\nexport const main = async (event) => (await puppeteer.launch()).newPage().then((p) => p.evaluate(() => document.title));\n", 'shot.mjs', ['main:async:null']],
    ['a handler named handler in a file with JSX (server-side rendering)', 'export const handler = async (event: { path: string }) => ({ body: String(<App path={event.path} />) });\n', 'ssr.tsx', ['handler:async:null']],
    ['JSX beside an import of a Node module', "import fs from 'node:fs';\nexport const render = async (event) => String(<p>{fs.existsSync(event.path)}</p>);\n", 'page.jsx', ['render:async:null']],
  ])('%s', (_label, source, file, expected) => {
    expect(names(source, file)).toEqual(expected);
  });

  it('still finds the names a manifest or --handler gives', () => {
    expect(names("import React from 'react';\nexport function onClick(event) {}\n", 'x.jsx', ['onClick'])).toEqual(['onClick:sync:null']);
  });
});

describe('a handler made by a call the tool cannot see into', () => {
  const APP = "const express = require('express');\nconst serverless = require('serverless-http');\nconst app = express();\nconst trail = [];\napp.use((req, res, next) => { trail.push(req.path); next(); });\nmodule.exports.handler = serverless(app);\n";

  it('is a handler module with a review item saying its routes are not followed, not a file without handlers', () => {
    const { applyTransforms } = require('../src/analysis/applyTransforms');
    const { transform } = require('../transforms/globals');
    const result = applyTransforms(APP, 'app.js', { transforms: [transform] });
    expect(result.handlers).toEqual(['handler']);
    expect(result.output).toBeNull();
    expect(result.review.map((r: any) => [r.kind, r.line, r.message])).toEqual([
      ['handler-not-followed', 6, expect.stringMatching(/^`handler` is what `serverless\(app\)` returns, and this tool cannot follow that call to the function that serves each request/)],
    ]);
    // the scan before the full pipeline lets it through
    const { scanForHandlers } = require('../src/engine/scanHandlers');
    expect(scanForHandlers(APP, 'app.js', undefined)).not.toBe(false);
  });

  it('is not said of a wrapper around a function, nor of other exports', () => {
    const { unfollowedHandlers } = require('../src/analysis/handlers');
    const j = jscodeshiftFor('babel');
    expect(unfollowedHandlers(j, j('const middy = require("@middy/core");\nexports.handler = middy(async (event) => event);\n'))).toEqual([]);
    expect(unfollowedHandlers(j, j('exports.helper = make(app);\nexports.handler = async (event) => event;\n'))).toEqual([]);
    expect(unfollowedHandlers(j, j('const h = serverless(app);\nexport { h as handler };\n')).map((h: any) => h.call)).toEqual(['serverless(app)']);
  });
});

describe('a handler made by an awaited call, or chosen as the module loads', () => {
  const { applyTransforms } = require('../src/analysis/applyTransforms');
  const { transform } = require('../transforms/globals');
  const review = (source: string, file: string, handlerNames?: string[]) => {
    const result = applyTransforms(source, file, { transforms: [transform], handlerNames });
    return { handlers: result.handlers, output: result.output, review: result.review.map((r: any) => [r.kind, r.line, r.message]) };
  };
  const CHOSEN = "'use strict';\nvar seen = [];\nfunction a(event, context, callback) { seen.push(event.id); callback(null, { a: seen.length }); }\nfunction b(event, context, callback) { seen.push(event.id); callback(null, { b: seen.length }); }\n";

  it.each([
    ['top-level await of a call', 'const buildHandler = async () => { const seen = []; return async (event) => { seen.push(event.id); return seen.length; }; };\nexport const handler = await buildHandler();\n', 'buildHandler()'],
    ['top-level await of a member call', "import { factory } from './factory.mjs';\nexport const handler = await factory.build({ table: 'x' });\n", "factory.build({ table: 'x' })"],
    ['through a binding', 'const h = await make();\nexport { h as handler };\n', 'make()'],
  ])('%s is reported as not followed', (_label, source, call) => {
    const result = review(source, 'h.mjs');
    expect(result.handlers).toEqual(['handler']);
    expect(result.output).toBeNull();
    expect(result.review).toEqual([['handler-not-followed', expect.any(Number), expect.stringContaining(`\`handler\` is what \`${call}\` returns, and this tool cannot follow that call`)]]);
  });

  it.each([
    ['assigned in if and else', `${CHOSEN}if (process.env.USE_B) { exports.handler = b; } else { exports.handler = a; }\n`, 'inside an `if`: `exports.handler = a`'],
    ['assigned in an if without else', `${CHOSEN}if (process.env.USE_B) exports.handler = b;\n`, 'inside an `if`: `exports.handler = b`'],
    ['assigned in else if', `${CHOSEN}if (x) {} else if (y) { module.exports.handler = b; }\n`, 'inside an `if`: `module.exports.handler = b`'],
    ['an object exported in an if', `${CHOSEN}if (x) { module.exports = { handler: a }; }\n`, 'inside an `if`: `module.exports = { handler: a }`'],
    ['chosen by ? :', `${CHOSEN}exports.handler = process.env.USE_B ? b : a;\n`, '`process.env.USE_B ? b : a`'],
    ['chosen by ||', `${CHOSEN}exports.handler = custom || a;\n`, '`custom || a`'],
    ['replaced in an if after a plain export', `${CHOSEN}exports.handler = a;\nif (process.env.USE_B) exports.handler = b;\n`, 'inside an `if`: `exports.handler = b`'],
  ])('a handler %s is reported as exported conditionally, not skipped', (_label, source, shown) => {
    for (const names of [undefined, ['handler']]) {
      const result = review(source, 'index.js', names);
      expect(result.handlers).toEqual(['handler']);
      expect(result.output).toBeNull();
      expect(result.review).toEqual([['handler-not-followed', expect.any(Number), `\`handler\` is exported conditionally (${shown.startsWith('inside') ? shown : shown}): which function Lambda calls is decided as the module loads, and this tool does not follow a handler chosen that way, so none of the functions it may be is migrated as a handler: state they keep at module level is not reset, review it`]]);
    }
  });

  it('a plain export after the if is the one Lambda finds, and is followed', () => {
    const result = review(`${CHOSEN}if (process.env.USE_B) exports.handler = b;\nexports.handler = a;\n`, 'index.js');
    expect(result.handlers).toEqual(['handler']);
    // (`b`, exported nowhere now, also writes `seen`: kept, and said)
    expect(result.review.map((r: any) => r[0])).toEqual(['changed-elsewhere']);
    const own = review("var count = 0;\nfunction a(event) { count++; return count; }\nif (process.env.USE_B) exports.handler = async () => 0;\nexports.handler = a;\n", 'index.js');
    expect(own.review).toEqual([]);
    expect(own.output).toContain('function a(event) {\n  let count = 0;');
  });

  it.each([
    ['a local run under require.main', "if (require.main === module) {\n  exports.handler = async () => exports.handler({ id: 'local' });\n}\n"],
    ['a wrapper of the same export when tracing', "if (process.env.TRACE) exports.handler = require('./tracer').wrap(exports.handler);\n"],
    ['the same export in an object', 'if (process.env.LOCAL) {\n  module.exports = { handler: exports.handler, local: true };\n}\n'],
  ])('a handler the module always exports stays followed next to %s', (_label, tail) => {
    const result = review(`let ids = [];\nexports.handler = async (event) => { ids.push(event.id); return ids; };\n${tail}`, 'index.js');
    expect(result.handlers).toEqual(['handler']);
    expect(result.review).toEqual([]);
    expect(result.output).toContain('exports.handler = async (event) => {\n  let ids = [];');
  });

  it.each([
    ['a local of the if block under the same name', "let count = 0;\nlet main = async (event) => { count++; return count; };\nexports.handler = main;\nif (process.env.ALT) { const main = async () => 'alt'; exports.handler = main; }\n"],
    ['a choice between another export and this one', "let count = 0;\nexports.handler = async (event) => { count++; return count; };\nexports.legacy = async (event) => 'legacy';\nif (process.env.LEGACY) exports.handler = exports.legacy || exports.handler;\n"],
  ])('a handler always exported and replaced in an if by %s is reported as exported conditionally', (_label, source) => {
    const result = review(source, 'index.js', ['handler']);
    expect(result.output).toBeNull();
    expect(result.review.map((r: any) => r[0])).toEqual(['handler-not-followed']);
  });

  it('a conditional export next to a followed handler is still reported', () => {
    const result = review(`${CHOSEN}exports.other = async (event) => seen.length;\nif (x) exports.handler = b;\n`, 'index.js', ['other', 'handler']);
    expect(result.handlers).toEqual(['other', 'handler']);
    expect(result.review.map((r: any) => r[0])).toEqual(['handler-not-followed', 'changed-elsewhere']);
  });

  it('the pre-check and the scan let these files through', () => {
    const { mayHoldHandler } = require('../src/engine/precheck');
    const { scanForHandlers } = require('../src/engine/scanHandlers');
    for (const source of [`${CHOSEN}if (x) { exports.handler = b; } else { exports.handler = a; }\n`, `${CHOSEN}exports.handler = x ? b : a;\n`]) {
      expect(mayHoldHandler(source)).toBe(true);
      expect(scanForHandlers(source, 'index.js', undefined)).not.toBe(false);
    }
    const awaited = 'export const handler = await buildHandler();\n';
    expect(mayHoldHandler(awaited)).toBe(true);
    expect(scanForHandlers(awaited, 'h.mjs', undefined)).not.toBe(false);
  });
});

describe('a handler string naming `default`', () => {
  const { applyTransforms } = require('../src/analysis/applyTransforms');
  const { transform } = require('../transforms/globals');
  const kinds = (source: string, file = 'legacy.js') => applyTransforms(source, file, { transforms: [transform], handlerNames: ['default'] }).review.map((r: any) => r.kind);

  it('is migrated but reported when the CommonJS module is the function itself: Lambda would not find it', () => {
    const result = applyTransforms('let n = 0;\nmodule.exports = async (event) => ++n;\n', 'legacy.js', { transforms: [transform], handlerNames: ['default'] });
    expect(result.handlers).toEqual(['default']);
    expect(result.output).toContain('let n = 0;\n  return ++n;');
    expect(result.review.map((r: any) => [r.kind, r.line])).toEqual([['default-of-commonjs', 2]]);
    expect(kinds('let n = 0;\nconst run = async (event) => ++n;\nexport = run;\n', 'legacy.ts')).toEqual(['default-of-commonjs']);
  });

  it('is not reported for export default or exports.default, which Lambda finds', () => {
    expect(kinds('let n = 0;\nexport default async (event) => ++n;\n', 'legacy.mjs')).toEqual([]);
    expect(kinds('let n = 0;\nexports.default = async (event) => ++n;\n')).toEqual([]);
  });
});

describe('properties the module assigns to an object it exports', () => {
  // Lambda looks the handler up on module.exports when it calls it, after the module has loaded
  it.each([
    ['const handlers = {};\nhandlers.stripe = async (event) => {};\nmodule.exports = handlers;', ['stripe'], ['stripe:async:null']],
    ["const handlers = {};\nmodule.exports = handlers;\nhandlers['refund'] = async (e, ctx) => {};", ['refund'], ['refund:async:ctx']],
    ['const h = { a: 1 };\nh.api = {};\nh.api.create = async (e) => {};\nmodule.exports = h;', ['api.create'], ['api.create:async:null']],
    ['const h = {};\nObject.assign(h, { stripe: async (e) => {} });\nmodule.exports = h;', ['stripe'], ['stripe:async:null']],
    ['const h = {};\nh.one = h.two = async (e) => {};\nmodule.exports = h;', ['two'], ['two:async:null']],
    ['const h = {};\nmodule.exports = h;\nmodule.exports.extra = async (e) => {};', ['extra'], ['extra:async:null']],
    ['const h = {};\nh.stripe = async (e) => {};\nmodule.exports = { webhooks: h };', ['webhooks.stripe'], ['webhooks.stripe:async:null']],
    ['export const handlers = {};\nhandlers.create = async (e) => {};', ['handlers.create'], ['handlers.create:async:null']],
    // the default rule: the name `handler`, or a first parameter `event`
    ['const h = {};\nh.handler = async (e) => {};\nmodule.exports = h;', undefined, ['handler:async:null']],
    ['const h = {};\nh.process = async (event) => {};\nh.helper = (x) => x;\nmodule.exports = h;', undefined, ['process:async:null']],
    // what the module assigned last under a name is what Lambda calls: one handler a name
    ['const api = { handler: async (event) => {} };\nconst original = api.handler;\napi.handler = async (event, context) => original(event, context);\nmodule.exports = api;', undefined, ['handler:async:context']],
    ['const h = {};\nh.run = async (event) => {};\nh.run = async (event, ctx) => {};\nmodule.exports = h;', ['run'], ['run:async:ctx']],
    // one name exported through a name for the exports object and then directly: the last
    ['const api = module.exports = {};\napi.handler = async (event) => {};\nmodule.exports.handler = async (event, ctx) => {};', undefined, ['handler:async:ctx']],
    // the object bound to a name as it is exported, or the exports object itself
    ['const api = module.exports = {};\napi.handler = async (event) => {};', undefined, ['handler:async:null']],
    ['const api = (module.exports = {});\napi.create = async (e, ctx) => {};', ['create'], ['create:async:ctx']],
    ['let api;\nmodule.exports = api = {};\napi.handler = async (event) => {};', undefined, ['handler:async:null']],
    ['const api = exports.v1 = {};\napi.run = async (event) => {};', undefined, ['v1.run:async:null']],
    ['var api = exports;\napi.handler = async (event) => {};', undefined, ['handler:async:null']],
    ["const api = module.exports;\napi['process'] = async (event, context) => {};", ['process'], ['process:async:context']],
  ])('%j', (source, wanted, expected) => {
    expect(names(source, 'a.js', wanted)).toEqual(expected);
  });

  it.each([
    // not at the top level of the module: it may not have run when Lambda looks
    ['const h = {};\nif (process.env.X) { h.stripe = async (e) => {}; }\nmodule.exports = h;'],
    ['const h = {};\nfunction setup() { h.stripe = async (e) => {}; }\nmodule.exports = h;'],
    // another object, or a local of the same name
    ['const h = {};\nconst other = {};\nother.stripe = async (e) => {};\nmodule.exports = h;'],
    ['const h = {};\n{ const h = {}; h.stripe = async (e) => {}; }\nmodule.exports = h;'],
    // not exported
    ['const h = {};\nh.stripe = async (e) => {};\nmodule.exports = {};'],
    ['const h = exports.other || {};\nh.stripe = async (e) => {};'],
  ])('not %j', (source) => {
    expect(names(source, 'a.js', ['stripe'])).toEqual([]);
  });
});
