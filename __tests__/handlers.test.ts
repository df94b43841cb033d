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
    ['export const handler = awslambda.streamifyResponse(async (event, responseStream, context) => {})', ['handler:async:responseStream']],
    ['export const process = async (event) => {}', ['process:async:null']],
    ['export const helper = async (x) => {}', []],
    ['export default async (event) => {}', []],
    ['module.exports = async (event) => {}', []],
    ['const x = 1', []],
  ])('%s', (source, expected) => {
    expect(names(source)).toEqual(expected);
  });

  it('reads typed TypeScript handlers', () => {
    expect(names('import type { Handler } from "aws-lambda";\nexport const handler: Handler<A, B> = async (event, context) => { return 1 as B }', 'a.ts')).toEqual(['handler:async:context']);
  });

  it('takes names from a manifest, including default and nested paths', () => {
    expect(names('module.exports = async (e) => {}', 'a.js', ['default'])).toEqual(['default:async:null']);
    expect(names('module.exports.handlers = { create: async (e) => {} }', 'a.js', ['handlers.create'])).toEqual(['handlers.create:async:null']);
    expect(names('exports.handler = async (e) => {}; exports.other = async (event) => {}', 'a.js', ['other'])).toEqual(['other:async:null']);
  });
});
