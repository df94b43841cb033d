// What the globals transform tells the user about what it keeps: each message names the code
// as it was written (no AST node types) and says only what the analysis really knows.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

function reviews(source: string, file = 'index.js'): Record<string, string> {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  return Object.fromEntries(result.review.map((r) => [r.message.match(/^`([^`]+)`/)?.[1] ?? r.message, r.message]));
}

describe('globals review messages', () => {
  it('quote the initial value that cannot be evaluated again, not its node type', () => {
    const messages = reviews("const defaults = { items: ['a'] };\nconst registry = { items: defaults.items };\nexports.handler = async (event) => { registry.items.push(event.id); };\n");
    expect(messages.registry).toContain('part of the initial value, `defaults.items`, cannot be shown to be free of side effects');
    expect(messages.registry).not.toMatch(/Expression|Literal/);
  });

  it('say that a destructured binding could not be followed, not that it is never changed', () => {
    const messages = reviews('const state = { tags: [] };\nexports.handler = async (event) => {\n  const { tags } = state;\n  tags.push(event.tag);\n  return tags;\n};\n');
    expect(messages.state).toBe(
      '`state` is taken apart by destructuring (`const { tags } = state`, line 3), and whether what it holds is changed through the new names could not be followed; any such change would carry over to the next invocation; kept, review it',
    );
  });

  it('quote the aliasing code and name the function a value is passed to', () => {
    const messages = reviews('const seen = new Set();\nconst opts = { a: 1 };\nexports.handler = async (event) => {\n  const s = seen;\n  s.add(event.id);\n  configure(opts);\n};\n');
    expect(messages.seen).toMatch(/^`seen` is given another name \(`const s = seen`, line 4\), and whether it is changed through that name could not be followed/);
    expect(messages.opts).toMatch(/^`opts` is passed to `configure` \(line 6\), which may change it/);
  });

  it('name the guard of a lazy initialisation that a flag or a counter belongs to', () => {
    const messages = reviews(
      'let config = null;\nlet initialized = false;\nlet loads = 0;\nasync function init() {\n  if (initialized) return;\n  loads++;\n  config = await fetchConfig();\n  initialized = true;\n}\nexports.handler = async (event) => { await init(); return config; };\n',
    );
    expect(messages.initialized).toMatch(/^`initialized` records that the lazy initialisation guarded by `if \(initialized\) return` \(line 5\) has run/);
    expect(messages.loads).toMatch(/^`loads` changes only inside the lazy initialisation guarded by `if \(initialized\) return` \(line 5\)/);
    expect(messages.config).toMatch(/^`config` changes only inside the lazy initialisation/);
  });
});
