// A grammar of handler modules built from the spec's patterns, for property tests: module
// globals of each kind (counters, arrays, Sets, Maps, session objects, constants, lazy
// caches), some used through a helper, an ioredis client (test double), a static /tmp file
// that each invocation appends to, CommonJS or ESM, async or callback style. Every module
// returns what it observed, so that a warm run that sees an earlier invocation's state
// differs from a cold one.
import fc from 'fast-check';

export type GlobalKind = 'counter' | 'array' | 'set' | 'map' | 'session' | 'constant' | 'lazyCache';
export type ClientKind = 'none' | 'redis' | 'redisWithoutRetry';

export interface ModuleSpec {
  moduleKind: 'commonjs' | 'esm';
  style: 'async' | 'callback';
  globals: { kind: GlobalKind; throughHelper: boolean }[];
  client: ClientKind;
  tmpFile: boolean;
}

interface GlobalCode {
  declaration: string;
  /** Statements run per invocation. */
  update: string;
  /** Property of the result (`name: expression`). */
  observe: string;
  /** True when a warm invocation sees what an earlier one left. */
  leaks: boolean;
}

const GLOBALS: Record<GlobalKind, (n: number) => GlobalCode> = {
  counter: (n) => ({ declaration: `let count${n} = 0;`, update: `count${n} += 1;`, observe: `count${n}`, leaks: true }),
  array: (n) => ({ declaration: `const items${n} = [];`, update: `items${n}.push(event.id);`, observe: `items${n}: items${n}.join(',')`, leaks: true }),
  set: (n) => ({ declaration: `const seen${n} = new Set();`, update: `seen${n}.add(event.id);`, observe: `seen${n}: seen${n}.size`, leaks: true }),
  map: (n) => ({
    declaration: `const byId${n} = new Map();`,
    update: `byId${n}.set(event.id, (byId${n}.get(event.id) || 0) + 1);`,
    observe: `byId${n}: byId${n}.get(event.id)`,
    leaks: true,
  }),
  session: (n) => ({
    declaration: `const session${n} = { user: null, calls: 0 };`,
    update: `session${n}.calls++;\n  if (!session${n}.user) session${n}.user = event.user;`,
    observe: `session${n}: session${n}.user + '/' + session${n}.calls`,
    leaks: true,
  }),
  constant: (n) => ({ declaration: `const LIMIT${n} = 10;`, update: '', observe: `limit${n}: LIMIT${n}`, leaks: false }),
  lazyCache: (n) => ({
    declaration: `let config${n};`,
    update: `if (!config${n}) config${n} = { region: 'eu-west-1' };`,
    observe: `region${n}: config${n}.region`,
    leaks: false,
  }),
};

export const moduleSpecs: fc.Arbitrary<ModuleSpec> = fc
  .record({
    moduleKind: fc.constantFrom('commonjs' as const, 'esm' as const),
    style: fc.constantFrom('async' as const, 'callback' as const),
    globals: fc.array(
      fc.record({ kind: fc.constantFrom<GlobalKind>('counter', 'array', 'set', 'map', 'session', 'constant', 'lazyCache'), throughHelper: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    ),
    client: fc.constantFrom<ClientKind>('none', 'redis', 'redisWithoutRetry'),
    tmpFile: fc.boolean(),
  })
  // callbacks cannot wait for the client's promise without changing shape; keep them synchronous
  .map((spec) => (spec.style === 'callback' ? { ...spec, client: 'none' as const } : spec));

export interface GeneratedModule {
  source: string;
  extension: '.js' | '.mjs';
  /** True when warm runs of the module differ from cold ones. */
  leaks: boolean;
}

/** The module's text; `tmpPath` is a file under /tmp unique to this module. */
export function generateModule(spec: ModuleSpec, tmpPath: string): GeneratedModule {
  const esm = spec.moduleKind === 'esm';
  const globals = spec.globals.map((g, i) => ({ ...g, code: GLOBALS[g.kind](i) }));
  const lines: string[] = [];
  const imports: string[] = [];
  if (spec.tmpFile) imports.push(esm ? "import fs from 'node:fs';" : "const fs = require('node:fs');");
  if (spec.client !== 'none') imports.push(esm ? "import Redis from 'ioredis';" : "const Redis = require('ioredis');");
  lines.push(...imports, '');
  if (spec.client === 'redis') lines.push('const redis = new Redis();');
  if (spec.client === 'redisWithoutRetry') lines.push('const redis = new Redis({ retryStrategy: () => null });');
  if (spec.tmpFile) lines.push(`const LOG_FILE = '${tmpPath}';`);
  for (const g of globals) lines.push(g.code.declaration);
  lines.push('');

  const helperUpdates = globals.filter((g) => g.throughHelper && g.code.update).map((g) => g.code.update);
  if (helperUpdates.length > 0) {
    lines.push('function record(event) {', ...helperUpdates.map((u) => `  ${u}`), '}', '');
  }
  const body: string[] = [];
  if (helperUpdates.length > 0) body.push('record(event);');
  for (const g of globals) if (!g.throughHelper && g.code.update) body.push(g.code.update);
  if (spec.tmpFile) {
    body.push("fs.appendFileSync(LOG_FILE, event.id + '\\n');", "const logged = fs.readFileSync(LOG_FILE, 'utf8').trim().split('\\n').length;");
  }
  if (spec.client !== 'none') body.push('const cached = await redis.get(event.id);');
  const observed = [...globals.map((g) => g.code.observe), ...(spec.tmpFile ? ['logged'] : []), ...(spec.client !== 'none' ? ['cached'] : [])];
  const result = `{ ${observed.join(', ')} }`;

  const exportPrefix = esm ? 'export const handler = ' : 'exports.handler = ';
  if (spec.style === 'async') {
    lines.push(`${exportPrefix}async (event) => {`, ...body.map((b) => `  ${b}`), `  return ${result};`, '};', '');
  } else {
    lines.push(`${exportPrefix}(event, context, callback) => {`, ...body.map((b) => `  ${b}`), `  callback(null, ${result});`, '};', '');
  }
  const leaks = globals.some((g) => g.code.leaks) || spec.tmpFile || spec.client === 'redisWithoutRetry';
  return { source: lines.join('\n'), extension: esm ? '.mjs' : '.js', leaks };
}
