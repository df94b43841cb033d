// A handler's parameter list is evaluated before the first statement of its body: state that a
// default value reads (at any depth of destructuring) cannot be reset or moved there in time.
// Such state is kept and reported, never counted as migrated.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

function run(source: string, file = 'index.js') {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  const review = Object.fromEntries(result.review.map((r) => [r.message.match(/^`([^`]+)`/)?.[1] ?? r.message, r.message]));
  return { output: result.output ?? source, changes: result.changes, review };
}

describe('state read by a handler parameter default', () => {
  it('is kept and reported, not reset after the parameters were evaluated', () => {
    const source = 'const items = [];\nexports.handler = async ({ id, max = items.length + 5 }) => {\n  items.push(id);\n  return { items, max };\n};\n';
    const { output, changes, review } = run(source);
    expect(output).toBe(source);
    expect(changes).toEqual([]);
    expect(review.items).toBe(
      '`items` holds state across invocations, but handler `handler` reads it in its parameter list (`max = items.length + 5`, line 2), which is evaluated before the handler\'s body runs; a reset or a moved declaration at the top of the handler would come too late, so it is kept: migrate it by hand',
    );
  });

  it('in nested destructuring, in a plain default, and in a function handler in TypeScript', () => {
    const nested = run('const seen = new Set();\nexports.handler = async ({ id, opts: { fresh = !seen.has(id) } = {} }) => {\n  seen.add(id);\n  return fresh;\n};\n');
    expect(nested.changes).toEqual([]);
    expect(nested.review.seen).toMatch(/reads it in its parameter list \(`fresh = !seen\.has\(id\)`, line 2\)/);
    const plain = run('let count = 0;\nexports.handler = async (event, limit = count + 1) => {\n  count += event.n;\n  return limit;\n};\n');
    expect(plain.changes).toEqual([]);
    expect(plain.review.count).toMatch(/reads it in its parameter list \(`limit = count \+ 1`, line 2\)/);
    const ts = run('const log: string[] = [];\nexport async function handler(event: { id: string }, size: number = log.length): Promise<number> {\n  log.push(event.id);\n  return size;\n}\n', 'index.ts');
    expect(ts.changes).toEqual([]);
    expect(ts.review.log).toMatch(/handler `handler` reads it in its parameter list \(`size: number = log\.length`, line 2\)/);
  });

  it('a stateful regular expression used in a default gets no lastIndex reset', () => {
    const { changes, review } = run('const ID = /id-(\\d+)/g;\nexports.handler = async ({ id, m = ID.exec(id) }) => {\n  return ID.test(id) && m;\n};\n');
    expect(changes).toEqual([]);
    expect(review.ID).toMatch(/handler `handler` reads it in its parameter list \(`m = ID\.exec\(id\)`, line 2\), which is evaluated before the handler's body runs, so setting `lastIndex` back at the top of the handler would come too late; kept/);
  });

  it('state a helper reads in its own defaults is still reset: the helper runs after the reset', () => {
    const { changes } = run('const items = [];\nfunction add(id, max = items.length) { items.push(id); return max; }\nexports.handler = async (event) => add(event.id);\n');
    expect(changes.map((c) => c.kind)).toEqual(['reset']);
  });
});
