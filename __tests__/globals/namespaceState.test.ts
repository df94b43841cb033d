// A TypeScript namespace is an object made once, as the module loads: the variables it
// exports outlive every invocation. A handler that changes one is reported, and kept.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

const run = (source: string) => applyTransforms(source, 'handler.ts', { transforms: [transform] });

describe('state held in a namespace', () => {
  it('is reported, member by member, where the handler changes it; the file is kept', () => {
    const result = run(
      'namespace Stats {\n  export let calls = 0;\n  export const tags: string[] = [];\n}\nexport const handler = async (event: { tag: string }) => {\n  Stats.calls++;\n  Stats.tags.push(event.tag);\n  return { calls: Stats.calls, tags: Stats.tags.length };\n};\n',
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([
      ['namespace-state', 2],
      ['namespace-state', 3],
    ]);
    expect(result.review[0].message).toMatch(/^`Stats\.calls` is held in namespace `Stats`, which lives as long as the module: handler `handler` changes it \(`Stats\.calls\+\+`, line 6\), so it leaks between invocations; kept, reset it at the top of the handler by hand$/);
    expect(result.review[1].message).toMatch(/`Stats\.tags` .*\(`Stats\.tags\.push\(event\.tag\)`, line 7\)/);
  });

  it('is reported when a function the handler calls assigns it, or writes a member of it', () => {
    const result = run(
      'export namespace Cache {\n  export let last: string | undefined;\n  export const byId: Record<string, number> = {};\n}\nfunction remember(id: string) { Cache.last = id; Cache.byId[id] = 1; }\nexport const handler = async (event: { id: string }) => { remember(event.id); return 1; };\n',
    );
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([
      ['namespace-state', 2],
      ['namespace-state', 3],
    ]);
  });

  it.each([
    ['only reads it', 'namespace Config {\n  export let retries = 3;\n  export const names: string[] = ["a"];\n}\nexport const handler = async (event: unknown) => ({ retries: Config.retries, n: Config.names.length });\n'],
    ['holds only functions and constants never changed', 'namespace Util {\n  export const PREFIX = "x";\n  export function tag(id: string) { return `${PREFIX}${id}`; }\n}\nexport const handler = async (event: { id: string }) => Util.tag(event.id);\n'],
    ['changes a local that has the name of the namespace', 'namespace Stats {\n  export let calls = 0;\n}\nexport const handler = async (event: unknown) => { const Stats = { calls: 0 }; Stats.calls++; return Stats.calls; };\n'],
    ['changes it only in code no handler reaches', 'namespace Stats {\n  export let calls = 0;\n}\nStats.calls = 1;\nexport const handler = async (event: unknown) => Stats.calls;\n'],
  ])('is not reported when the handler %s', (_label, source) => {
    const result = run(source);
    expect(result.review.filter((r) => r.kind === 'namespace-state')).toEqual([]);
  });
});
