// Decorators of a class defined at module level run while the module loads: state that a
// decorator (or a decorator factory) sets up then is no state to reset at the top of a
// handler, or the cold start loses it.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

const run = (source: string) => applyTransforms(source, 'app.ts', { transforms: [transform] });

describe('state a decorator touches', () => {
  it.each([
    [
      'a method decorator',
      "const stats: Record<string, { calls: number }> = {};\nfunction timed(target: any, ctx: ClassMethodDecoratorContext) {\n  stats[String(ctx.name)] = { calls: 0 };\n  return function (this: unknown, ...a: any[]) { stats[String(ctx.name)].calls++; return target.apply(this, a); };\n}\nclass Api { @timed async work(p: string) { return { p, calls: stats.work.calls }; } }\nconst api = new Api();\nexport const handler = async (event: { path: string }) => { stats.extra = { calls: 1 }; return api.work(event.path); };\n",
      'stats',
    ],
    [
      'a decorator factory on a method',
      "const registered: string[] = [];\nfunction route(path: string) {\n  return (target: any, ctx: ClassMethodDecoratorContext) => { registered.push(`${path}:${String(ctx.name)}`); };\n}\nclass Routes { @route('/orders') list() { return registered; } }\nexport const handler = async (event: { id: string }) => { registered.push(event.id); return new Routes().list(); };\n",
      'registered',
    ],
  ])('is kept when %s sets it up while the class is defined', (_how, source, name) => {
    const result = run(source);
    expect(result.error).toBeUndefined();
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.message)).toContainEqual(expect.stringMatching(new RegExp(`^\`${name}\` holds state across invocations but is also used while the module loads`)));
  });
});

describe('state changed inside the function a decorator installs', () => {
  const source =
    "let db: { query(q: string): Promise<number> } | undefined;\nconst timings: Record<string, number> = {};\n\nfunction Timed(label: string): MethodDecorator {\n  return (_target, _key, descriptor: PropertyDescriptor) => {\n    const original = descriptor.value as (...args: unknown[]) => Promise<unknown>;\n    descriptor.value = async function (this: unknown, ...args: unknown[]) {\n      timings[label] = (timings[label] ?? 0) + 1;\n      return original.apply(this, args);\n    };\n    return descriptor;\n  };\n}\n\nclass AdminStats {\n  @Timed('stats')\n  async handler(event: { id: string }, _context: unknown) {\n    return { calls: timings.stats, id: event.id };\n  }\n}\n\nconst stats = new AdminStats();\nexport const handler = stats.handler.bind(stats);\n";

  it('is kept, and said to change on calls, not while the module loads', () => {
    const result = run(source);
    expect(result.error).toBeUndefined();
    expect(result.output).toBeNull();
    const message = result.review.map((r) => r.message).find((m) => m.startsWith('`timings`'));
    expect(message).toBe(
      "`timings` holds state across invocations and is also changed by a function that decorator `Timed` installs as the module loads (line 8), which runs when it is called (on the handler's calls, and on any other code's), not while the module loads; kept, because that function runs outside the handler's body, where a reset or a declaration moved into the handler does not reach: review it",
    );
  });

  it('a use that does run while the module loads is still said so', () => {
    const result = run(source.replace('const timings: Record<string, number> = {};\n', "const timings: Record<string, number> = {};\ntimings.loaded = 1;\n"));
    expect(result.review.map((r) => r.message).find((m) => m.startsWith('`timings`'))).toMatch(/^`timings` holds state across invocations but is also used while the module loads \(line 3\)/);
  });
});
