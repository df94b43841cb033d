// A handler that is a member of a class of the module (a method exported bound to an
// instance, a function-valued class field, a static method) is found, and state the class
// keeps in its one instance, or in its statics, is reported: that instance serves every
// invocation of the environment.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { findHandlers } from '../../src/analysis/handlers';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { transform } from '../../transforms/globals';

const run = (source: string) => applyTransforms(source, 'handler.js', { transforms: [transform] });

describe('handlers that are class members', () => {
  it('finds a function-valued class field of an instance', () => {
    const j = jscodeshiftFor('babel');
    const source = 'class OrderHandler {\n  handle = async (event) => event.id;\n}\nmodule.exports.handler = new OrderHandler().handle;\n';
    expect(findHandlers(j, j(source)).map((h) => [h.name, h.fn.node.type])).toEqual([['handler', 'ArrowFunctionExpression']]);
  });

  it('finds a member the class inherits from a class of the module', () => {
    const j = jscodeshiftFor('ts');
    const source = 'abstract class Base {\n  handle = async (event: { id: string }) => this.process(event);\n  protected abstract process(event: { id: string }): Promise<number>;\n}\nclass Orders extends Base {\n  protected async process(event: { id: string }) { return 1; }\n}\nexport const handler = new Orders().handle;\n';
    expect(findHandlers(j, j(source)).map((h) => [h.name, h.fn.node.type, h.line])).toEqual([['handler', 'ArrowFunctionExpression', 8]]);
  });

  it.each([
    ['a class field', 'class OrderHandler {\n  constructor() { this.processed = []; }\n  handle = async (event) => {\n    this.processed.push(event.id);\n    return this.processed.length;\n  };\n}\nmodule.exports.handler = new OrderHandler().handle;\n', '`this.processed.push(event.id)`, line 4'],
    ['a bound method', 'class App {\n  constructor() { this.seen = new Set(); }\n  handle(event) { this.remember(event.id); return this.seen.size; }\n  remember(id) { this.seen.add(id); }\n}\nconst app = new App();\nexports.handler = app.handle.bind(app);\n', '`this.seen.add(id)`, line 4'],
  ])('reports state kept in the instance by %s', (_how, source, where) => {
    const result = run(source);
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['hidden-state']);
    expect(result.review[0].message).toContain(where);
    expect(result.review[0].message).toContain('one instance serves every invocation');
  });

  it('reports state a static handler keeps in the class', () => {
    const result = run('class Lambda {\n  static count = 0;\n  static handler(event) {\n    this.count += 1;\n    return this.count;\n  }\n}\nexports.handler = Lambda.handler;\n');
    expect(result.review.map((r) => r.message)).toContain(
      'handler `handler` is a member of `Lambda`, which keeps state in its static fields (`this.count += 1`, line 4): what it keeps carries over from one invocation to the next; kept, review it',
    );
  });

  it('says nothing when the class keeps no state', () => {
    const result = run('class App {\n  handle = async (event) => ({ id: event.id });\n}\nexports.handler = new App().handle;\n');
    expect(result.review).toEqual([]);
  });
});

describe('a handler that is a method of a module object literal', () => {
  it.each([
    ['handler.js', 'const api = {\n  seen: [],\n  async handle(event) {\n    this.seen.push(event.id);\n    return this.seen.length;\n  },\n};\nexports.handler = api.handle.bind(api);\n'],
    ['handler.ts', 'const api = {\n  seen: [] as string[],\n  async handle(event: { id: string }) {\n    this.seen.push(event.id);\n    return this.seen.length;\n  },\n};\nexport const handler = api.handle.bind(api);\n'],
  ])('reports the state it keeps in the object (%s)', (file, source) => {
    const result = applyTransforms(source, file, { transforms: [transform] });
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['hidden-state']);
    expect(result.review[0].message).toMatch(/^handler `handler` is a method of `api`, which keeps state in the object \(`this\.seen\.push\(event\.id\)`, line 4\)/);
  });

  it('says nothing when its methods only read the object', () => {
    const result = run('const api = {\n  prefix: "p",\n  async handle(event) {\n    return this.prefix + event.id;\n  },\n};\nexports.handler = api.handle.bind(api);\n');
    expect(result.review).toEqual([]);
  });
});
