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
