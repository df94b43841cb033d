// `// lambda-clean-slate-ignore` keeps a declaration as it is whether it stands on the line
// above the declaration or at the end of the declaration's own line; it never spills over
// to the next declaration, and it stays where it was written.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

function run(source: string, file = 'index.js') {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  const review = Object.fromEntries(result.review.map((r) => [r.message.match(/^`([^`]+)`/)?.[1] ?? r.message, r.kind]));
  const changed = Object.fromEntries(result.changes.map((c) => [c.message.match(/^`([^`]+)`/)?.[1] ?? c.message, c.kind]));
  return { output: result.output ?? source, review, changed };
}

describe('lambda-clean-slate-ignore', () => {
  it('at the end of the declaration line is honoured like the comment on the line above', () => {
    const above = run('// lambda-clean-slate-ignore\nconst cache = new Map();\nexports.handler = async (event) => { cache.set(event.id, 1); return cache.size; };\n');
    const trailing = run('const cache = new Map(); // lambda-clean-slate-ignore\nexports.handler = async (event) => { cache.set(event.id, 1); return cache.size; };\n');
    expect(above.review).toEqual({ cache: 'ignored' });
    expect(trailing.review).toEqual({ cache: 'ignored' });
    expect(trailing.changed).toEqual({});
    expect(trailing.output).toBe('const cache = new Map(); // lambda-clean-slate-ignore\nexports.handler = async (event) => { cache.set(event.id, 1); return cache.size; };\n');
  });

  it('in TypeScript, on an exported or a multi-line declaration, and as a block comment', () => {
    expect(run('const seen: Set<string> = new Set(); // lambda-clean-slate-ignore: kept on purpose\nexport const handler = async (event: { id: string }) => { seen.add(event.id); return seen.size; };\n', 'index.ts').review).toEqual({ seen: 'ignored' });
    expect(run('export const log = []; // lambda-clean-slate-ignore\nexport const handler = async (event) => { log.push(event.id); };\n', 'index.mjs').review).toEqual({ log: 'ignored' });
    expect(run("const hits = new Map([\n  ['a', 0],\n]); // lambda-clean-slate-ignore\nexports.handler = async (event) => { hits.set(event.id, 1); };\n").review).toEqual({ hits: 'ignored' });
    expect(run('let ids = []; /* lambda-clean-slate-ignore */\nexports.handler = async (event) => { ids.push(event.id); return ids; };\n').review).toEqual({ ids: 'ignored' });
  });

  it('after one declarator of several keeps that declarator only', () => {
    const { review, changed } = run('let a = [], // lambda-clean-slate-ignore\n  b = [];\nexports.handler = async (event) => { a.push(1); b.push(1); return [a, b]; };\n');
    expect(review).toEqual({ a: 'ignored' });
    expect(changed).toEqual({ b: 'move' });
  });

  it('does not spill over to the declaration on the next line, nor count from a later line', () => {
    const next = run('let a = []; // lambda-clean-slate-ignore\nlet b = [];\nexports.handler = async (event) => { a.push(1); b.push(1); return [a, b]; };\n');
    expect(next.review).toEqual({ a: 'ignored' });
    expect(next.changed).toEqual({ b: 'move' });
    expect(next.output).toMatch(/^let a = \[\]; \/\/ lambda-clean-slate-ignore\nexports\.handler = async \(event\) => \{\n  let b = \[\];/);
    const block = run('let ids = []; /* lambda-clean-slate-ignore */\nlet other = [];\nexports.handler = async (event) => { ids.push(event.id); other.push(event.id); return [ids, other]; };\n');
    expect(block.review).toEqual({ ids: 'ignored' });
    expect(block.changed).toEqual({ other: 'move' });
    // a comment under the last declaration of the file trails it, but not on its line
    const later = run('exports.handler = async (event) => { list.push(event.id); return list; };\nconst list = [];\n// lambda-clean-slate-ignore\n');
    expect(later.review).not.toHaveProperty('list', 'ignored');
  });
});
