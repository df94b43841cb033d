// The simulate library on small handlers of every supported kind: each runs warm (one
// module instance) and cold (a fresh one per event), and leaks show as differences.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { simulate } from '../../src/simulate';
import type { InvocationOutcome, SimulationResult } from '../../src/simulate';

const fixture = (name: string) => path.join(__dirname, 'fixtures', name);

function outcomes(result: SimulationResult, run: 'warm' | 'cold'): InvocationOutcome[] {
  return result.invocations.map((invocation) => invocation[run].outcome);
}

function okValues(result: SimulationResult, run: 'warm' | 'cold'): unknown[] {
  return outcomes(result, run).map((outcome) => (outcome.status === 'ok' ? outcome.value : outcome));
}

describe('leaking handlers show warm results that differ from cold ones', () => {
  it('CommonJS', async () => {
    const result = await simulate({ file: fixture('counter.cjs'), events: [{ name: 'a' }, { name: 'b' }, {}] });
    expect(result.format).toBe('commonjs');
    expect(result.handler).toBe('handler');
    expect(okValues(result, 'warm')).toEqual([{ count: 1, name: 'a' }, { count: 2, name: 'b' }, { count: 3, name: null }]);
    expect(okValues(result, 'cold')).toEqual([{ count: 1, name: 'a' }, { count: 1, name: 'b' }, { count: 1, name: null }]);
    expect(result.invocations.map((i) => i.same)).toEqual([true, false, false]);
    expect(result.verdict).toBe('leak');
  });

  it('ESM (.mjs), with request ids that are the same for warm and cold invocation i', async () => {
    const result = await simulate({ file: fixture('seen-requests.mjs'), events: [{}, {}] });
    expect(result.format).toBe('esm');
    const [first, second] = okValues(result, 'warm') as Array<{ seen: string[]; remainingIsNumber: boolean }>;
    expect(first.remainingIsNumber).toBe(true);
    expect(second.seen).toHaveLength(2);
    expect(okValues(result, 'cold')).toEqual([{ seen: [first.seen[0]], remainingIsNumber: true }, { seen: [second.seen[1]], remainingIsNumber: true }]);
    expect(new Set(second.seen).size).toBe(2);
    expect(result.invocations.map((i) => i.same)).toEqual([true, false]);
  });

  it('a .js file with ESM syntax outside an ESM package (module detection)', async () => {
    const result = await simulate({ file: fixture('esm-syntax.js'), events: [{ item: 'x' }, { item: 'y' }] });
    expect(result.format).toBe('esm');
    expect(okValues(result, 'warm')).toEqual([['x'], ['x', 'y']]);
    expect(okValues(result, 'cold')).toEqual([['x'], ['y']]);
  });

  it('a .js file under "type": "module"', async () => {
    const result = await simulate({ file: fixture('esm-package/handler.js'), events: [{ tag: 1 }, { tag: 2 }] });
    expect(result.format).toBe('esm');
    expect(okValues(result, 'warm')).toEqual([[1], [1, 2]]);
    expect(result.verdict).toBe('leak');
  });

  it('TypeScript as CommonJS, importing a local .ts module as ./store.js', async () => {
    const result = await simulate({ file: fixture('typed-orders.ts'), events: [{ id: 'a', total: 1 }, { id: 'b', total: 2 }] });
    expect(result.format).toBe('commonjs');
    expect(okValues(result, 'warm')).toEqual([{ orders: 1 }, { orders: 2 }]);
    expect(okValues(result, 'cold')).toEqual([{ orders: 1 }, { orders: 1 }]);
  });

  it('TypeScript in an ESM package, through the loader hooks', async () => {
    const result = await simulate({ file: fixture('esm-package/typed.ts'), events: [{ word: 'a' }, { word: 'b' }] });
    expect(result.format).toBe('esm');
    expect(okValues(result, 'warm')).toEqual([['a'], ['a', 'b']]);
    expect(okValues(result, 'cold')).toEqual([['a'], ['b']]);
  });

  it("TypeScript with legacy decorators, as the nearest tsconfig.json (through its base) asks", async () => {
    const result = await simulate({ file: fixture('legacy-decorators/handler.ts'), events: [{ id: 'a' }, { id: 'b' }] });
    expect(okValues(result, 'warm')).toEqual([
      { id: 'a', calls: 1 },
      { id: 'b', calls: 2 },
    ]);
    expect(okValues(result, 'cold')).toEqual([
      { id: 'a', calls: 1 },
      { id: 'b', calls: 1 },
    ]);
    expect(result.verdict).toBe('leak');
  });

  it('TypeScript importing through tsconfig paths aliases, with require and with import, as a bundler resolves them', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-simulate-paths-'));
    try {
      const files: Record<string, string> = {
        'tsconfig.json': '{ "compilerOptions": { "strict": true, "paths": { "@shared/*": ["./packages/missing/*", "./packages/shared/src/*"] } } }',
        'packages/shared/src/counter.ts': 'let calls = 0;\nexport function count(): number {\n  calls++;\n  return calls;\n}\n',
        'packages/orders/src/handler.ts': "import { count } from '@shared/counter';\nexport const handler = async (event: { id: string }) => ({ id: event.id, calls: count() });\n",
        'packages/orders/src/handler.mts': "import { count } from '@shared/counter.js';\nexport const handler = async (event: { id: string }) => ({ id: event.id, calls: count() });\n",
      };
      for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        fs.writeFileSync(path.join(root, file), text);
      }
      for (const [handler, format] of [['handler.ts', 'commonjs'], ['handler.mts', 'esm']]) {
        const result = await simulate({ file: path.join(root, 'packages/orders/src', handler), events: [{ id: 'a' }, { id: 'b' }] });
        expect(result.format).toBe(format);
        expect(okValues(result, 'warm')).toEqual([
          { id: 'a', calls: 1 },
          { id: 'b', calls: 2 },
        ]);
        expect(okValues(result, 'cold')).toEqual([
          { id: 'a', calls: 1 },
          { id: 'b', calls: 1 },
        ]);
      }
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('callback style, with the callback error as an error result', async () => {
    const result = await simulate({ file: fixture('callback-style.js'), events: [{ name: 'a' }, {}, { name: 'b' }] });
    expect(outcomes(result, 'warm')).toEqual([
      { status: 'ok', value: { names: ['a'] } },
      { status: 'error', error: expect.objectContaining({ name: 'Error', message: 'name is required' }) },
      { status: 'ok', value: { names: ['a', 'b'] } },
    ]);
    expect(result.invocations.map((i) => i.same)).toEqual([true, true, false]);
  });

  it('promise style', async () => {
    const result = await simulate({ file: fixture('promise-style.js'), events: [{ amount: 2 }, { amount: 3 }] });
    expect(okValues(result, 'warm')).toEqual([{ total: 2 }, { total: 5 }]);
    expect(okValues(result, 'cold')).toEqual([{ total: 2 }, { total: 3 }]);
  });

  it('a middy-like wrapper (the exported value is callable)', async () => {
    const result = await simulate({ file: fixture('middy-like.js'), events: [{}, { page: 'home' }] });
    expect(okValues(result, 'warm')).toEqual([{ page: 'home', visits: 1 }, { page: 'home', visits: 2 }]);
    expect(result.verdict).toBe('leak');
  });

  it('a response-streaming handler', async () => {
    const result = await simulate({ file: fixture('streaming.mjs'), events: [{ name: 'a' }, { name: 'b' }] });
    expect(okValues(result, 'warm')).toEqual(['hello a #1', 'hello b #2']);
    expect(okValues(result, 'cold')).toEqual(['hello a #1', 'hello b #1']);
  });

  it('a file under /tmp that grows: cold starts begin without it', async () => {
    fs.mkdirSync('/tmp/lcs-simulate-tmp-grows', { recursive: true });
    fs.writeFileSync('/tmp/lcs-simulate-tmp-grows/log.txt', 'left by an earlier run\n');
    const result = await simulate({ file: fixture('tmp-grows.js'), events: [{ line: 'a' }, { line: 'b' }] });
    expect(result.tmpPaths).toEqual(['/tmp/lcs-simulate-tmp-grows']);
    expect(okValues(result, 'warm')).toEqual([['a'], ['a', 'b']]);
    expect(okValues(result, 'cold')).toEqual([['a'], ['b']]);
  });
});

describe('clean handlers agree warm and cold', () => {
  it('CommonJS', async () => {
    const result = await simulate({ file: fixture('counter-clean.cjs'), events: [{ name: 'a' }, { name: 'b' }, {}] });
    expect(result.verdict).toBe('clean');
    expect(okValues(result, 'warm')).toEqual(okValues(result, 'cold'));
  });

  it('TypeScript importing an extensionless local module', async () => {
    const result = await simulate({ file: fixture('typed-clean.ts'), events: [{ word: 'a' }, { word: 'b' }] });
    expect(result.verdict).toBe('clean');
    expect(okValues(result, 'warm')).toEqual(['A', 'B']);
  });


  it('a nested handler path, with a realistic context', async () => {
    const result = await simulate({ file: fixture('nested.js'), handler: 'handlers.greet', events: [{ name: 'x' }, { name: 'y' }] });
    expect(result.verdict).toBe('clean');
    expect(okValues(result, 'warm')).toEqual([
      { hello: 'x', fn: 'simulated-function', id: '5eed0000-0000-4000-8000-000000000001' },
      { hello: 'y', fn: 'simulated-function', id: '5eed0000-0000-4000-8000-000000000002' },
    ]);
  });
});

describe('a handler that never succeeds', () => {
  it('throws every time, warm and cold alike: failed, not clean (the errors compare by name and message)', async () => {
    const result = await simulate({ file: fixture('throws.js'), events: [{ kind: 'x' }, {}] });
    expect(outcomes(result, 'warm')).toEqual([
      { status: 'error', error: expect.objectContaining({ name: 'TypeError', message: 'cannot handle x' }) },
      { status: 'error', error: expect.objectContaining({ name: 'TypeError', message: 'cannot handle this' }) },
    ]);
    expect(result.invocations.map((i) => i.same)).toEqual([true, true]);
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe('every invocation failed: TypeError: cannot handle x (and 1 other distinct failure); warm and cold agree, but the handler never succeeded');
    expect(result.invocations[0].warm.output).toBe('about to fail\n');
  });

  it('one event that succeeds is enough for a clean verdict', async () => {
    const result = await simulate({ file: fixture('callback-style.js'), events: [{}, { name: 'a' }, {}] });
    expect(result.invocations.map((i) => i.warm.outcome.status)).toEqual(['error', 'ok', 'error']);
    expect(result.verdict).toBe('clean');
    expect(result.warning).toBeUndefined();
  });

  it('fails differently warm and cold: still failed, not a leak, and the output says so', async () => {
    const result = await simulate({ file: fixture('throws-counting.js'), events: [{}, {}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe(
      'every invocation failed: RangeError: call 1 of this environment (and 1 other distinct failure); warm and cold fail differently in 1 of 2, which may be no more than how it fails; no invocation succeeded, so this says little about leaks: give it events it can handle',
    );
    expect(result.warning).toBeUndefined();
  });

  it('a process that exits every time: failed, with the exit code, not a leak of the runs the warm environment could not make', async () => {
    const result = await simulate({ file: fixture('exits.js'), events: [{}, {}] });
    expect(outcomes(result, 'warm')).toEqual([
      { status: 'error', error: { name: 'Runtime.ExitError', message: "the handler's process exited with code 3" } },
      { status: 'not-run', reason: "the handler's process exited with code 3" },
    ]);
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe(
      "every invocation failed: Runtime.ExitError: the handler's process exited with code 3; the warm environment could not run 1 of them (the handler's process exited with code 3); no invocation succeeded, so this says little about leaks: give it events it can handle",
    );
  });
});

describe('tmpFiles: what another process puts below /tmp before each environment', () => {
  const shared = '/tmp/lcs-simulate-tmp-files';
  afterAll(() => fs.rmSync(shared, { recursive: true, force: true }));

  it('is there in the warm environment and in every cold one', async () => {
    const token = `${shared}/extension-token`;
    fs.mkdirSync(shared, { recursive: true });
    fs.writeFileSync(token, 'stale, from an earlier run');
    const result = await simulate({ file: fixture('reads-token.js'), events: [{}, {}], tmpFiles: { [token]: 'from-extension' } });
    expect(result.tmpPaths).toEqual([token]);
    expect(okValues(result, 'warm')).toEqual(['from-extension', 'gone']);
    expect(okValues(result, 'cold')).toEqual(['from-extension', 'from-extension']);
    expect(result.verdict).toBe('leak');
  });

  it.each(['/tmp', '/etc/passwd', '/tmp/../etc/passwd', 'relative/file'])('refuses %s', async (target) => {
    const result = await simulate({ file: fixture('reads-token.js'), events: [{}], tmpFiles: { [target]: 'x' } });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe(`tmpFiles may only name static paths strictly below /tmp/, not ${target}`);
  });
});

describe('modules overrides replace packages with test doubles', () => {
  it.each(['uses-double.js', 'uses-double.mjs'])('%s', async (name) => {
    const result = await simulate({
      file: fixture(name),
      events: [{ key: 'a', value: 1 }, { key: 'b', value: 2 }],
      modules: { 'lcs-fake-cache': fixture('doubles/lcs-fake-cache.js') },
    });
    expect(okValues(result, 'warm')).toEqual([1, 2]);
    expect(okValues(result, 'cold')).toEqual([1, 1]);
  });

  it('without the override the package is missing and the module does not load', async () => {
    const result = await simulate({ file: fixture('uses-double.js'), events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toMatch(/cannot load .*uses-double\.js: Error: Cannot find module 'lcs-fake-cache'/);
  });
});

describe('handlers that cannot be run', () => {
  it('a handler that never settles is stopped after the timeout', async () => {
    const started = Date.now();
    const result = await simulate({ file: fixture('never-settles.js'), events: [{}, {}], timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe('invocation 1 did not complete even on a cold start: it did not settle within 300 ms');
    expect(outcomes(result, 'warm')).toEqual([
      { status: 'timeout', afterMs: 300 },
      { status: 'not-run', reason: 'invocation 1 did not settle within 300 ms' },
    ]);
    expect(result.invocations[0].warm.output).toBe('waiting forever\n');
  });

  it('a module that throws while loading', async () => {
    const result = await simulate({ file: fixture('fails-to-load.js'), events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toMatch(/^cannot load .*fails-to-load\.js: SyntaxError: Unexpected token/);
    expect(result.error?.stack).toContain('fails-to-load.js');
  });

  it('a module with a syntax error', async () => {
    const result = await simulate({ file: fixture('syntax-error.js'), events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toMatch(/^cannot load .*syntax-error\.js: SyntaxError/);
  });

  it('a handler that ends the process', async () => {
    const result = await simulate({ file: fixture('exits.js'), events: [{}] });
    expect(outcomes(result, 'cold')).toEqual([{ status: 'error', error: { name: 'Runtime.ExitError', message: "the handler's process exited with code 3" } }]);
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe("every invocation failed: Runtime.ExitError: the handler's process exited with code 3; warm and cold agree, but the handler never succeeded");
  });

  it('an export that is not a function', async () => {
    const result = await simulate({ file: fixture('nested.js'), handler: 'handlers', events: [{}] });
    expect(result.failure).toMatch(/TypeError: the module exports a value of type object at `handlers`, not a function/);
  });

  it('several handlers and no --handler', async () => {
    const result = await simulate({ file: fixture('two-handlers.js'), events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe('several handlers are exported (create, remove); choose one with --handler');
    const chosen = await simulate({ file: fixture('two-handlers.js'), handler: 'create', events: [{ id: 1 }, { id: 2 }] });
    expect(okValues(chosen, 'warm')).toEqual([1, 2]);
  });

  it('a directory', async () => {
    const result = await simulate({ file: fixture('esm-package'), events: [{}] });
    expect(result.verdict).toBe('failed');
    expect(result.failure).toBe(`simulate takes one handler file, and ${fixture('esm-package')} is a directory: name the module in it (e.g. ${fixture('esm-package/index.js')})`);
  });

  it('a file that does not exist', async () => {
    const result = await simulate({ file: fixture('missing.js'), events: [{}] });
    expect(result.failure).toBe(`cannot read ${fixture('missing.js')}: no such file`);
  });
});
