// In TypeScript the container-id line reads `awsRequestId` from the handler's own context
// parameter, whatever type the user gave it: the migrated file must still type-check
// (`tsc --strict`) where the original did.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { loadTransform } from '../../transforms';
import { typeCheckErrors } from '../typeCheck';


const cases: Record<string, string> = {
  unknown: 'export const handler = async (event: { id: string }, _context: unknown) => event.id;\n',
  otherInterface: 'interface Meta { region: string }\nexport async function handler(event: { id: string }, meta: Meta) {\n  return event.id + meta.region;\n}\n',
  object: 'export const handler = async (event: { id: string }, ctx: object) => event.id;\n',
  contextType: 'interface Context { awsRequestId: string }\nexport const handler = async (event: { id: string }, context: Context) => event.id;\n',
  literal: 'export const handler = async (event: { id: string }, context: { awsRequestId: string }) => event.id;\n',
  anyType: 'export const handler = async (event: { id: string }, context: any) => event.id;\n',
  added: 'export const handler = async (event: { id: string }) => event.id;\n',
  thisParam: 'export async function handler(this: void, event: { id: string }) {\n  return event.id;\n}\n',
  thisParamWithContext: 'export async function handler(this: void, event: { id: string }, context: { awsRequestId: string }) {\n  return event.id;\n}\n',
  // Lambda passes its context to the second parameter, whatever its default says
  defaulted: 'export async function handler(event: { id: string }, dryRun = false) {\n  return dryRun ? "" : event.id;\n}\n',
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-context-types-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('migrated handlers type-check with every kind of context parameter type', () => {
  const files: string[] = [];
  for (const [name, source] of Object.entries(cases)) {
    const result = applyTransforms(source, `${name}.ts`, { transforms: [loadTransform('container-id')] });
    expect([name, result.error, result.output]).toEqual([name, undefined, expect.stringContaining('awsRequestId')]);
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, result.output!);
    files.push(file);
  }
  expect(typeCheckErrors(files, dir)).toBe('');
});

it('reads the parameter as it is when its type may be a Lambda context', () => {
  for (const name of ['contextType', 'literal', 'anyType']) {
    const result = applyTransforms(cases[name], `${name}.ts`, { transforms: [loadTransform('container-id')] });
    expect(result.output).toContain('requestId: context?.awsRequestId');
  }
  const unknown = applyTransforms(cases.unknown, 'unknown.ts', { transforms: [loadTransform('container-id')] });
  expect(unknown.output).toContain('requestId: (_context as { awsRequestId?: string } | undefined)?.awsRequestId');
});

it('casts a second parameter typed by its default value', () => {
  const result = applyTransforms(cases.defaulted, 'defaulted.ts', { transforms: [loadTransform('container-id')] });
  expect(result.output).toContain('requestId: (dryRun as unknown as { awsRequestId?: string } | undefined)?.awsRequestId');
});

it('leaves a handler with overload signatures alone when it would need a context parameter, and says why', () => {
  const source =
    'export function handler(event: { id: string }, options: { dryRun: boolean }): Promise<string>;\nexport function handler(event: { id: string }): Promise<string>;\nexport async function handler(event: { id: string }): Promise<string> {\n  return event.id;\n}\n';
  const result = applyTransforms(source, 'overloads.ts', { transforms: [loadTransform('container-id')] });
  expect(result.output).toBeNull();
  expect(result.review.map((r) => r.message)).toEqual([expect.stringContaining('it has overload signatures')]);
  // with its context parameter already there, the implementation is only read
  const withContext = applyTransforms(source.replace('async function handler(event: { id: string })', 'async function handler(event: { id: string }, context?: unknown)'), 'overloads.ts', {
    transforms: [loadTransform('container-id')],
  });
  expect(withContext.output).toContain('requestId: (context as { awsRequestId?: string } | undefined)?.awsRequestId');
});

describe('a handler typed in this file with a one-parameter function type', () => {
  it.each([
    ['an alias', 'type ApiHandler = (event: { id: string }) => Promise<string>;\nexport const handler: ApiHandler = async (event) => event.id;\n'],
    ['an inline function type', 'export const handler: (event: { id: string }) => Promise<string> = async (event) => event.id;\n'],
    ['satisfies', 'type OneArg = (event: { id: string }) => Promise<string>;\nexport const handler = (async (event) => event.id) satisfies OneArg;\n'],
    ['a generic alias', 'type Gen<E> = (event: E) => Promise<string>;\nexport const handler: Gen<{ id: string }> = async (event) => event.id;\n'],
    ['an interface with one call signature', 'interface Callable { (event: { id: string }): Promise<string> }\nexport const handler: Callable = async (event) => event.id;\n'],
  ])('gets no context parameter when typed by %s, and says why', (_how, source) => {
    const result = applyTransforms(source, 'typed.ts', { transforms: [loadTransform('container-id')] });
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.message)).toEqual([expect.stringContaining('its type, declared in this file, takes one parameter')]);
  });

  it('still gets one when typed by a type from elsewhere (Handler from aws-lambda)', () => {
    const result = applyTransforms("import type { Handler } from 'aws-lambda';\nexport const handler: Handler<{ id: string }, string> = async (event) => event.id;\n", 'handler.ts', { transforms: [loadTransform('container-id')] });
    expect(result.output).toContain('async (event, context) =>');
  });
});

it("skips TypeScript's `this` parameter when it looks for the event and the context", () => {
  const added = applyTransforms(cases.thisParam, 'thisParam.ts', { transforms: [loadTransform('container-id')] });
  expect(added.output).toMatch(/handler\(this: void, event: \{ id: string \}, context\?: /);
  expect(added.output).toContain('requestId: context?.awsRequestId');
  const existing = applyTransforms(cases.thisParamWithContext, 'thisParamWithContext.ts', { transforms: [loadTransform('container-id')] });
  expect(existing.output).toContain('requestId: context?.awsRequestId');
});

describe('a handler typed by a type from another file of the project', () => {
  it('gets an optional typed context, which fits a type with a context parameter and one without', () => {
    const typesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-context-imported-'));
    try {
      fs.writeFileSync(
        path.join(typesDir, 'types.ts'),
        'export type OneArg = (event: { id: string }) => Promise<string>;\nexport type Three = (event: { id: string }, context: { awsRequestId: string; functionName: string }, callback: (e?: Error) => void) => Promise<string> | void;\n',
      );
      const files = [path.join(typesDir, 'types.ts')];
      for (const type of ['OneArg', 'Three']) {
        const source = `import type { ${type} } from './types.js';\nexport const handler: ${type} = async (event) => event.id;\n`;
        const result = applyTransforms(source, `${type}.ts`, { transforms: [loadTransform('container-id')] });
        expect(result.output).toContain('async (event, context?: { awsRequestId: string }) =>');
        fs.writeFileSync(path.join(typesDir, `${type}.ts`), result.output!);
        files.push(path.join(typesDir, `${type}.ts`));
      }
      expect(typeCheckErrors(files, typesDir)).toBe('');
    } finally {
      fs.rmSync(typesDir, { recursive: true, force: true });
    }
  });
});
