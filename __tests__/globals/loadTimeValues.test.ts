// Values a module takes from the clock or a random source as it loads are the same on every
// invocation of a warm environment and fresh on each cold start. They are often meant (an
// environment's start time or id), so they are reported and never changed.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { selectTransforms } from '../../src/engine/selectTransforms';
import { transform } from '../../transforms/globals';

const run = (source: string, file = 'handler.js') => applyTransforms(source, file, { transforms: [transform] });
const kinds = (source: string, file?: string) => run(source, file).review.map((r) => [r.kind, r.line]);

describe('a value taken from the clock or a random source as the module loads', () => {
  it.each([
    ['const startedAt = new Date();\nexports.handler = async () => startedAt.toISOString();\n', 'the time', '`new Date()`'],
    ['const loadedAt = Date.now();\nexports.handler = async () => ({ age: Date.now() - loadedAt });\n', 'the time', '`Date.now()`'],
    ["const { randomUUID } = require('node:crypto');\nconst traceId = randomUUID();\nexports.handler = async (event) => ({ traceId, id: event.id });\n", 'a random value', '`randomUUID()`'],
    ["import { v4 as uuid } from 'uuid';\nconst runId = `run-${uuid()}`;\nexport const handler = async () => runId;\n", 'a random value', '`uuid()`'],
    ['const config = { seed: Math.random(), region: process.env.AWS_REGION };\nexports.handler = async () => config.seed;\n', 'a random value', '`Math.random()`'],
  ])('is reported and kept: %s', (source, what, excerpt) => {
    const result = run(source, source.includes('import ') ? 'handler.mjs' : 'handler.js');
    expect(result.output).toBeNull();
    expect(result.changes).toEqual([]);
    expect(result.review.map((r) => r.kind)).toEqual(['load-time-value']);
    expect(result.review[0].message).toContain(`holds ${what} taken once, as the module loads (${excerpt})`);
  });

  it('is not reported when no handler reads it, when it is ignored, or when the time is only read inside a function', () => {
    expect(kinds('const startedAt = new Date();\nconsole.log(startedAt);\nexports.handler = async () => 1;\n')).toEqual([]);
    expect(kinds('// lambda-clean-slate-ignore\nconst bootedAt = Date.now();\nexports.handler = async () => bootedAt;\n')).toEqual([]);
    expect(kinds('const now = () => Date.now();\nexports.handler = async () => now();\n')).toEqual([]);
    expect(kinds('const epoch = new Date(0);\nexports.handler = async () => epoch.getTime();\n')).toEqual([]);
  });

  it('is not said of a client whose options hold a random name (the clients transform handles the client)', () => {
    expect(kinds("const Redis = require('ioredis');\nconst { randomUUID } = require('node:crypto');\nconst redis = new Redis({ connectionName: `fn-${randomUUID()}` });\nexports.handler = async (event) => redis.get(event.key);\n")).toEqual([]);
  });

  it('is reported where a helper the handler calls reads it', () => {
    expect(kinds('const bootId = Math.random().toString(36);\nfunction tag(x) { return `${bootId}:${x}`; }\nexports.handler = async (event) => tag(event.id);\n')).toEqual([['load-time-value', 1]]);
  });

  it('leaves out the environment id container-id adds, also on a second run of all transforms', () => {
    const all = selectTransforms(['globals', 'tmp', 'clients', 'container-id']);
    const first = applyTransforms('exports.handler = async (event) => event.id;\n', 'handler.js', { transforms: all });
    expect(first.output).toMatch(/const containerId = randomUUID\(\);/);
    const second = applyTransforms(first.output!, 'handler.js', { transforms: all });
    expect(second.output).toBeNull();
    expect(second.review.filter((r) => r.kind === 'load-time-value')).toEqual([]);
  });
});
