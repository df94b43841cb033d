// A second run over a migrated module changes nothing, also when module state shares a name
// with a key of the line container-id logs (`{ message: ..., requestId: ... }`): a property
// name there is no use of the state, so the reset below the log line still counts as the
// first thing the handler does with it.
import { applyTransforms } from '../src/analysis/applyTransforms';
import { TRANSFORM_ORDER } from '../src/analysis/types';
import { selectTransforms } from '../src/engine/selectTransforms';

const transforms = selectTransforms([...TRANSFORM_ORDER]);

describe.each([
  ['requestId', 'let requestId = null;\nfunction prefix() { return `[${requestId}]`; }\nexports.handler = async (event) => {\n  requestId = event.requestId;\n  return prefix() + " ok";\n};\n'],
  ['message', "let message = '';\nconst say = () => message;\nexports.handler = async (event) => {\n  message += event.text;\n  return say();\n};\n"],
  ['invocation', 'let invocation = 0;\nconst current = () => invocation;\nexports.handler = async (event) => {\n  invocation += 1;\n  return { n: current(), id: event.id };\n};\n'],
])('state named %s', (_name, source) => {
  it('migrates once: a second run changes nothing', () => {
    const first = applyTransforms(source, 'handler.js', { transforms });
    expect(first.error).toBeUndefined();
    expect(first.output).not.toBeNull();
    const second = applyTransforms(first.output!, 'handler.js', { transforms });
    expect(second.error).toBeUndefined();
    expect(second.changes).toEqual([]);
    expect(second.output).toBeNull();
  });
});

// What the clients transform wrote (the factory, `lostConnections`, the client made by the
// factory) is recognised as its own on the next run whichever way the module imports the
// package: TypeScript's `import pg = require('pg')` as well as `import pg from 'pg'`. The
// second run reports nothing the first run did not report about the same code.
describe.each([
  ['import pg = require', "import pg = require('pg');"],
  ['import pg from', "import pg from 'pg';"],
])('a pg client imported with %s', (_name, importLine) => {
  const source = `${importLine}\n\nconst client = new pg.Client();\nlet connected = false;\n\nconst handler = async (event: { id: string }) => {\n  if (!connected) {\n    await client.connect();\n    connected = true;\n  }\n  const res = await client.query('select $1::text', [event.id]);\n  return res.rowCount ?? 0;\n};\n\nexport = { handler };\n`;
  it('a second run changes nothing and reports no code the first run wrote', () => {
    const first = applyTransforms(source, 'handler.ts', { transforms });
    expect(first.error).toBeUndefined();
    expect(first.output).toContain('let client = createClient();');
    const second = applyTransforms(first.output!, 'handler.ts', { transforms });
    expect(second.error).toBeUndefined();
    expect(second.changes).toEqual([]);
    const messages = second.review.map((r) => r.message);
    expect(messages.filter((m) => /lostConnections|createClient/.test(m))).toEqual([]);
    // one item per binding: none reported twice
    expect(new Set(messages).size).toBe(messages.length);
    // the same items as the first run: the client the validity check creates again as it was
    // created first (`client = createClient()`) is no client "replaced at run time"
    expect(messages).toEqual(first.review.map((r) => r.message));
    expect(messages).toEqual([expect.stringMatching(/^`connected` tracks whether a client is connected/)]);
  });
});

describe('a client the handler replaces', () => {
  const globalsOnly = selectTransforms(['globals']);
  it('is reported when it is replaced by another construction or on every invocation, not when it is made again as declared under a test on it', () => {
    const review = (body: string) =>
      applyTransforms(`const pg = require('pg');\nconst make = () => new pg.Pool();\nvar pool = make();\nexports.handler = async (event) => {\n  ${body}\n  return pool.query('select 1');\n};\n`, 'handler.js', { transforms: globalsOnly }).review.map((r) => r.message);
    const replaced = ["`pool` is a client created by 'pg' and replaced at run time; kept for reuse across invocations"];
    expect(review('if (pool.ending) pool = make();')).toEqual([]);
    expect(review('if (pool.ending) {\n    pool = make( );\n  }')).toEqual([]);
    expect(review('if (pool.ending) pool = new pg.Pool({ max: 1 });')).toEqual(replaced);
    // made again on every invocation, without a test on it: a new pool each time, the old one left open
    expect(review('pool = make();')).toEqual(replaced);
    expect(review('if (event.fresh) pool = make();')).toEqual(replaced);
  });
});
