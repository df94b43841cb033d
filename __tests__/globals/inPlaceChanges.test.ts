// Changes the mutation analysis once missed, so that the state was neither migrated nor
// reported and leaked into the next invocation: a bound mutating method, a Date's setters,
// a generator object's next(). Each is reported now (their values cannot be evaluated
// again, or the change happens under another name).
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

const run = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });

describe('state changed in place in ways once missed', () => {
  it('reports a collection whose mutating method is bound as the module loads', () => {
    const result = run(
      'const seen = new Set();\nconst markSeen = seen.add.bind(seen);\nfunction isNew(id) { return !seen.has(id); }\nexports.handler = async (event) => { const fresh = event.ids.filter(isNew); fresh.forEach((id) => markSeen(id)); return { total: seen.size }; };\n',
    );
    expect(result.output).toBeNull();
    expect(result.review.map((r) => [r.kind, r.line])).toEqual([['needs-review', 1]]);
    expect(result.review[0].message).toContain('`const markSeen = seen.add.bind(seen)`, line 2');
  });

  it('reports a module-level Date that a handler moves with a setter', () => {
    const result = run('const cursor = new Date(Date.UTC(2024, 0, 1));\nexports.handler = async (event) => { cursor.setUTCDate(cursor.getUTCDate() + event.days); return cursor.toISOString(); };\n');
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['not-reevaluable']);
    expect(result.review[0].message).toMatch(/^`cursor` holds state across invocations/);
  });

  it('reports a generator object of the module that a handler runs on', () => {
    const result = run('function* counter() { let i = 1; while (true) yield i++; }\nconst nextId = counter();\nexports.handler = async () => ({ id: nextId.next().value });\n');
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['not-reevaluable']);
    expect(result.review[0].message).toMatch(/^`nextId` holds state across invocations/);
  });

  it('leaves alone a Date only read, and an object whose next() is not a generator', () => {
    expect(run('const epoch = new Date(0);\nexports.handler = async () => epoch.toISOString();\n').review).toEqual([]);
    expect(run('function make() { return { next: () => 1 }; }\nconst it2 = make();\nexports.handler = async () => it2.next();\n').review).toEqual([]);
  });
});
