// A handler that another handler of the module calls is left alone (and reported): code at
// its top would run again in the middle of the caller's invocation.
import { applyTransforms } from '../src/analysis/applyTransforms';
import { TRANSFORM_ORDER } from '../src/analysis/types';
import { loadTransform } from '../transforms';

const all = () => TRANSFORM_ORDER.map(loadTransform);

describe('handlers called by other handlers', () => {
  it('migrates the caller, leaves the called handler as it is and says why', () => {
    const source = `const results = [];
exports.processOne = async (event, context) => {
  results.push(event.id);
  return { results: results.slice() };
};
exports.processBatch = async (event, context) => {
  for (const r of event.records) await exports.processOne(r, context);
  return { processed: results.length };
};
`;
    const result = applyTransforms(source, 'batch.js', { transforms: all(), handlerNames: ['processOne', 'processBatch'] });
    expect(result.error).toBeUndefined();
    const out = result.output!;
    // the reset happens once, at the top of the batch (which reaches `results` through
    // `exports.processOne`), never in the middle of it
    expect(out.match(/^\s+results = \[\];$/gm)).toHaveLength(1);
    expect(out).toMatch(/exports\.processBatch = async \(event, context\) => \{\n(.*\n){2}\s*results = \[\];/);
    expect(out).toMatch(/exports\.processOne = async \(event, context\) => \{\n {2}results\.push\(event\.id\);/);
    expect(result.review.map((r) => r.kind)).toContain('handler-called-by-handler');
    expect(result.review.find((r) => r.kind === 'handler-called-by-handler')!.message).toContain('`processOne` is also called by handler `processBatch`');
  });

  it('recognises a call through the local binding as well', () => {
    const source = `let count = 0;
async function one(event) { count += 1; return count; }
async function all(event) { for (const e of event.items) await one(e); return count; }
module.exports = { one, all };
`;
    const result = applyTransforms(source, 'b.js', { transforms: [loadTransform('globals')], handlerNames: ['one', 'all'] });
    expect(result.review.find((r) => r.kind === 'handler-called-by-handler')?.message).toContain('`one` is also called by handler `all`');
    expect(result.output).not.toMatch(/async function one\(event\) \{\n\s*count = 0/);
  });

  it('recognises a call through a helper, and through the module exports', () => {
    const source = `const seen = [];
async function processRecord(r) {
  return exports.single(r);
}
exports.single = async (event) => {
  seen.push(event.id);
  return seen.length;
};
exports.handler = async (event) => {
  const out = [];
  for (const r of event.records) out.push(await processRecord(r));
  return out;
};
`;
    const result = applyTransforms(source, 'h.js', { transforms: all() });
    expect(result.review.filter((r) => r.kind === 'handler-called-by-handler').map((r) => r.message)).toEqual([
      'handler `single` is also called by handler `handler`: code added at its top would run again in the middle of `handler`, so `single` is left as it is',
    ]);
    // the reset is at the top of the caller only
    expect(result.output!.match(/^\s+seen = \[\];$/gm)).toHaveLength(1);
    expect(result.output).toMatch(/exports\.single = async \(event\) => \{\n {2}seen\.push/);
  });

  it.each([
    ['by its own name', 'exports.handler = async function handler(event) {\n  attempts.push(event.n);\n  if (event.n > 0) return handler({ n: event.n - 1 });\n  return attempts;\n};\n'],
    ['by its module binding', 'async function handler(event) {\n  attempts.push(event.n);\n  if (event.n > 0) return handler({ n: event.n - 1 });\n  return attempts;\n}\nexports.handler = handler;\n'],
    ['through the module exports', 'exports.handler = async (event) => {\n  attempts.push(event.n);\n  if (event.n > 0) return exports.handler({ n: event.n - 1 });\n  return attempts;\n};\n'],
    ['through a helper', 'const again = (n) => exports.handler({ n });\nexports.handler = async (event) => {\n  attempts.push(event.n);\n  if (event.n > 0) return again(event.n - 1);\n  return attempts;\n};\n'],
  ])('leaves a handler that calls itself (%s) as it is and says why', (_how, body) => {
    const result = applyTransforms(`const attempts = [];\n${body}`, 'r.js', { transforms: all() });
    expect(result.output).toBeNull();
    expect(result.changes).toEqual([]);
    expect(result.review.map((r) => r.message)).toEqual(['handler `handler` calls itself: code added at its top would run again in the middle of its own invocation, so it is left as it is']);
  });

  it.each([
    ['a computed string property', "for (const n of event.items) out.push(await exports['record']({ id: n }));"],
    ['a destructured module.exports', 'const { record } = module.exports;\n  for (const n of event.items) out.push(await record({ id: n }));'],
    ['an optional member', 'for (const n of event.items) out.push(await exports?.record({ id: n }));'],
  ])('recognises a call through %s', (_how, loop) => {
    const source = `let seen = [];\nexports.record = async (event) => { seen.push(event.id); return seen.length; };\nexports.handler = async (event) => {\n  const out = [];\n  ${loop}\n  return out;\n};\n`;
    const result = applyTransforms(source, 'r.js', { transforms: all(), handlerNames: ['handler', 'record'] });
    expect(result.review.filter((r) => r.kind === 'handler-called-by-handler').map((r) => r.message)).toEqual([
      'handler `record` is also called by handler `handler`: code added at its top would run again in the middle of `handler`, so `record` is left as it is',
    ]);
  });

  it('takes an export picked at run time (exports[event.action]) as reaching every exported handler', () => {
    const source = 'let seen = [];\nexports.record = async (event) => { seen.push(event.id); return seen.length; };\nexports.handler = async (event) => exports[event.action]({ id: event.id });\n';
    const result = applyTransforms(source, 'd.js', { transforms: all(), handlerNames: ['handler', 'record'] });
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.message)).toEqual([
      'handler `record` is also called by handler `handler`: code added at its top would run again in the middle of `handler`, so `record` is left as it is',
      'handler `handler` calls itself: code added at its top would run again in the middle of its own invocation, so it is left as it is',
    ]);
  });

  it('leaves independent handlers alone', () => {
    const source = `exports.a = async (event) => 1;\nexports.b = async (event) => 2;\n`;
    const result = applyTransforms(source, 'c.js', { transforms: [loadTransform('container-id')], handlerNames: ['a', 'b'] });
    expect(result.review).toEqual([]);
    expect(result.changes).toHaveLength(2);
  });
});
