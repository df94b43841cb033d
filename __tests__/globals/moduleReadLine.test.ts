// A use while the module loads is named by its line, also when the parser gave the identifier
// no position of its own (the value of a shorthand property, `const registry = { state }`).
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

function reviews(source: string, file = 'index.js'): Record<string, string> {
  const result = applyTransforms(source, file, { transforms: [transform] });
  expect(result.error).toBeUndefined();
  return Object.fromEntries(result.review.map((r) => [r.message.match(/^`([^`]+)`/)?.[1] ?? r.message, r.message]));
}

describe('the line of a use while the module loads', () => {
  it('is a number when the use is a shorthand property of another binding', () => {
    const messages = reviews('const state = [];\n\nconst registry = { state };\nexports.handler = async (event) => { state.push(event.id); return registry; };\n');
    expect(messages.state).toBe(
      '`state` holds state across invocations but is also used while the module loads (line 3); kept, because moving or resetting it would change what the module sets up',
    );
  });

  it('in TypeScript, with the property on a line of its own', () => {
    expect(reviews('const seen: string[] = [];\nexport const registry = {\n  seen,\n};\nexport const handler = async (event: { id: string }) => { seen.push(event.id); };\n', 'index.ts').seen).toMatch(/while the module loads \(line 3\)/);
  });
});

describe('a name a destructuring declaration declares', () => {
  it('is no use of it while the module loads', () => {
    const messages = reviews('const { hits, misses: [first] } = { hits: [], misses: [[]] };\nexports.handler = async (event) => { hits.push(event.id); first.push(1); return hits.length; };\n');
    expect(messages.hits).toBe('`hits` holds state across invocations but is declared by destructuring; split the declaration to migrate it');
    expect(messages.first).toBe('`first` holds state across invocations but is declared by destructuring; split the declaration to migrate it');
  });

  it('nor is a parameter pattern a use of a module binding of the same name', () => {
    const result = applyTransforms('const seen = [];\nconst show = ({ seen }) => seen;\nexports.handler = async (event) => { seen.push(event.id); return show({ seen: [] }); };\n', 'index.js', { transforms: [transform] });
    expect(result.changes.map((c) => c.kind)).toEqual(['move']);
  });
});
