// Code added at the top of a handler runs before the handler's own declarations. A handler
// that declares a local of the same name as a module binding the added code uses would
// reach that local in its temporal dead zone and throw on every invocation. Each transform
// that adds code there either uses another binding or leaves the handler alone and says why.
import { applyTransforms } from '../src/analysis/applyTransforms';
import { TRANSFORM_ORDER } from '../src/analysis/types';
import { loadTransform } from '../transforms';

const run = (source: string, names: string[] = [...TRANSFORM_ORDER]) => applyTransforms(source, 'handler.js', { transforms: names.map((n) => loadTransform(n as any)) });

/** Runs the migrated module's handler once, as Lambda would, with stand-ins for its packages. */
async function invoke(source: string, modules: Record<string, unknown>): Promise<unknown> {
  const module = { exports: {} as any };
  const fakeRequire = (name: string) => {
    if (name in modules) return modules[name];
    return require(name);
  };
  new Function('module', 'exports', 'require', source)(module, module.exports, fakeRequire);
  return module.exports.handler({ id: 7 }, { awsRequestId: 'r-1' });
}

const logger = { Logger: class { appendPersistentKeys() {} info() {} } };

describe('a handler with a local of the same name', () => {
  it('tmp: adds an fs binding under a free name instead of reaching the local', async () => {
    const source = [
      "const fs = require('fs');",
      'function save(id) {',
      "  fs.writeFileSync('/tmp/lcs-shadowed-locals.txt', String(id));",
      '}',
      'exports.handler = async (event) => {',
      '  save(event.id);',
      '  const fs = { saved: true };',
      '  return fs;',
      '};',
      '',
    ].join('\n');
    const result = run(source, ['tmp']);
    expect(result.output).toContain("const fs2 = require('fs');");
    expect(result.output).toContain("await fs2.promises.rm('/tmp/lcs-shadowed-locals.txt', { force: true });");
    await expect(invoke(result.output!, {})).resolves.toEqual({ saved: true });
  });

  it('clients: leaves the client alone and reports it', () => {
    const source = [
      "const { Pool } = require('pg');",
      'const pool = new Pool();',
      'const query = (sql) => pool.query(sql);',
      'exports.handler = async (event) => {',
      "  const rows = await query('select 1');",
      '  const pool = rows.length;',
      '  return pool;',
      '};',
      '',
    ].join('\n');
    const result = run(source, ['clients']);
    expect(result.output).toBeNull();
    expect(result.review).toEqual([
      expect.objectContaining({ transform: 'clients', kind: 'client-not-migrated', message: 'handler `handler` declares a `pool` of its own, so a check of pg Pool `pool` cannot go at its top; rename the local to get one' }),
    ]);
  });

  it('container-id: logs through console when the handler has a logger of its own', async () => {
    const source = [
      "const { Logger } = require('@aws-lambda-powertools/logger');",
      "const logger = new Logger({ serviceName: 'orders' });",
      'exports.handler = async (event, context) => {',
      '  const logger = { info: (m) => m };',
      '  return logger.info(event.id);',
      '};',
      '',
    ].join('\n');
    const result = run(source, ['container-id']);
    expect(result.output).toContain("console.log(JSON.stringify({ message: 'invocation', containerId");
    expect(result.output).not.toContain("logger.info('invocation'");
    expect(result.changes.map((c) => c.message)).toEqual(['Handler `handler` logs the container id, invocation number, cold start and request id.']);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await expect(invoke(result.output!, { '@aws-lambda-powertools/logger': logger })).resolves.toBe(7);
    } finally {
      log.mockRestore();
    }
  });

  it('container-id: leaves a handler alone that declares the counter of the instrumentation already there', () => {
    const source = [
      "const { randomUUID } = require('node:crypto');",
      'const containerId = randomUUID();',
      'let invocationCount = 0;',
      'exports.first = async (event, context) => {',
      '  invocationCount += 1;',
      "  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));",
      '  return 1;',
      '};',
      'exports.handler = async (event, context) => {',
      '  let invocationCount = event.count;',
      '  return invocationCount;',
      '};',
      '',
    ].join('\n');
    const result = run(source, ['container-id']);
    expect(result.output).toBeNull();
    // (`first` is also listed as taken for a handler by its `event` parameter)
    expect(result.review.filter((r) => r.kind !== 'handler-by-parameter')).toEqual([
      expect.objectContaining({ kind: 'context-unavailable', message: "No container-id log in handler `handler`: it declares a `invocationCount` of its own, which the log line would reach instead of the module's." }),
    ]);
  });
});
