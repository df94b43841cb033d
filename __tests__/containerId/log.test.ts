// The log line `container-id` adds, read from what a migrated handler prints when
// `simulate` runs it: one warm environment over three events, and a cold one per event.
// A repeated container id must mean "same environment" and nothing else: the same id on
// every warm line, a new one in every cold run, the invocation counting 1, 2, 3, coldStart
// only on the first, the request id from the context, and nothing taken from the event.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { simulate, type SimulationResult } from '../../src/simulate';
import { requestIdFor } from '../../src/simulate/lambdaContext';
import { transform } from '../../transforms/container-id';

const ROOT = path.join(__dirname, '..', '..');

interface LogCase {
  name: string;
  extension: string;
  source: string;
  modules?: Record<string, string>;
  /** The keys of the invocation line, as the logger prints it. */
  keys: string[];
}

const CONSOLE_KEYS = ['message', 'containerId', 'invocation', 'coldStart', 'requestId'];

const CASES: LogCase[] = [
  {
    name: 'commonjs',
    extension: '.js',
    source: `const crypto = require('node:crypto');

exports.handler = async (event, context) => {
  const digest = crypto.createHash('sha256').update(event.card).digest('hex').slice(0, 8);
  return { requestId: context.awsRequestId, digest, email: event.email };
};
`,
    keys: CONSOLE_KEYS,
  },
  {
    name: 'esm',
    extension: '.mjs',
    // no context parameter: the transform adds one to read the request id
    source: `export const handler = async (event) => {
  return { items: event.items.length, email: event.email };
};
`,
    keys: CONSOLE_KEYS,
  },
  {
    name: 'typescript',
    extension: '.ts',
    source: `import type { Context } from 'aws-lambda';

interface OrderEvent {
  email: string;
  card: string;
  items: string[];
}

export const handler = async (event: OrderEvent, context: Context): Promise<{ requestId: string; items: number }> => {
  return { requestId: context.awsRequestId, items: event.items.length };
};
`,
    keys: CONSOLE_KEYS,
  },
  {
    name: 'powertools',
    extension: '.mjs',
    source: `import { Logger } from '@aws-lambda-powertools/logger';

const logger = new Logger({ serviceName: 'orders' });

export const handler = async (event, context) => {
  logger.info('order received', { items: event.items.length });
  return { requestId: context.awsRequestId };
};
`,
    modules: { '@aws-lambda-powertools/logger': path.join(ROOT, '__tests__', 'doubles', 'powertools-logger.js') },
    keys: ['level', 'message', 'service', 'timestamp', 'containerId', 'invocation', 'coldStart', 'requestId'],
  },
  {
    name: 'bound',
    extension: '.js',
    // dependency injection: `bind` fills `deps`, Lambda's event and context come after it
    source: `async function main(deps, event, context) {
  return { requestId: context.awsRequestId, items: deps.count(event.items) };
}

exports.handler = main.bind(null, { count: (items) => items.length });
`,
    keys: CONSOLE_KEYS,
  },
  {
    name: 'bound-without-context',
    extension: '.ts',
    // `this: void` and two bound arguments in front, no context parameter: the one added
    // must be the one Lambda's context fills, after the event
    source: `function main(this: void, prefix: string, deps: { count(items: string[]): number }, event: { items: string[] }) {
  return prefix + deps.count(event.items);
}

export const handler = main.bind(undefined, 'items: ', { count: (items: string[]) => items.length });
`,
    keys: CONSOLE_KEYS,
  },
];

/** Values no log line may contain: they only ever arrive in the event. */
const EVENTS = [1, 2, 3].map((n) => ({
  email: `customer-${n}@example.org`,
  card: `4111-0000-0000-000${n}`,
  items: Array.from({ length: n }, (_, i) => `sku-secret-${n}-${i}`),
}));

interface InvocationLine {
  text: string;
  fields: Record<string, unknown>;
}

/** The one line with message "invocation" in an invocation's output. */
function invocationLine(output: string): InvocationLine {
  const lines = output
    .split('\n')
    .filter((text) => text.startsWith('{'))
    .map((text) => ({ text, fields: JSON.parse(text) as Record<string, unknown> }))
    .filter((line) => line.fields.message === 'invocation');
  expect(lines).toHaveLength(1);
  return lines[0];
}

function eventValues(event: unknown): string[] {
  if (typeof event === 'string') return [event];
  if (event && typeof event === 'object') return Object.values(event).flatMap(eventValues);
  return [];
}

describe.each(CASES.map((c) => [c.name, c] as const))('the container-id log line (%s)', (_name, c) => {
  const dir = path.join('/tmp', `lcs-containerId-log-${c.name}-${process.pid}`);
  const file = path.join(dir, `handler${c.extension}`);
  let result: SimulationResult;
  let warm: InvocationLine[];
  let cold: InvocationLine[];

  beforeAll(async () => {
    const migrated = applyTransforms(c.source, file, { transforms: [transform] });
    expect(migrated.error).toBeUndefined();
    expect(migrated.output).not.toBeNull();
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(file, migrated.output!);
    result = await simulate({ file, events: EVENTS, modules: c.modules });
    expect(result.failure).toBeUndefined();
    warm = result.invocations.map((i) => invocationLine(i.warm.output));
    cold = result.invocations.map((i) => invocationLine(i.cold.output));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('logging changes no result: warm and cold answer alike', () => {
    expect(result.verdict).toBe('clean');
  });

  it('has the same container id on every warm line, and a different one in each cold run', () => {
    const warmIds = warm.map((line) => line.fields.containerId);
    expect(typeof warmIds[0]).toBe('string');
    expect(warmIds[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(warmIds).size).toBe(1);
    const coldIds = cold.map((line) => line.fields.containerId);
    expect(new Set([warmIds[0], ...coldIds]).size).toBe(1 + EVENTS.length);
  });

  it('counts invocations 1, 2, 3 with coldStart only on the first; each cold run is invocation 1', () => {
    expect(warm.map((line) => [line.fields.invocation, line.fields.coldStart])).toEqual([
      [1, true],
      [2, false],
      [3, false],
    ]);
    expect(cold.map((line) => [line.fields.invocation, line.fields.coldStart])).toEqual(EVENTS.map(() => [1, true]));
  });

  it("carries the context's awsRequestId", () => {
    const expected = EVENTS.map((_, index) => requestIdFor(index));
    expect(warm.map((line) => line.fields.requestId)).toEqual(expected);
    expect(cold.map((line) => line.fields.requestId)).toEqual(expected);
    // the handlers that read their context saw the same id the line reports
    for (const invocation of result.invocations) {
      const value = invocation.warm.outcome.status === 'ok' ? (invocation.warm.outcome.value as { requestId?: string }) : null;
      if (value?.requestId !== undefined) expect(value.requestId).toBe(warm[invocation.index].fields.requestId);
    }
  });

  it('holds nothing from the event: only its own keys, none of the event values', () => {
    for (const [index, line] of [...warm.entries(), ...cold.entries()]) {
      expect(Object.keys(line.fields)).toEqual(c.keys);
      for (const value of eventValues(EVENTS[index])) expect(line.text).not.toContain(value);
    }
  });
});
