// A client binding with a declared TypeScript type: the construction, moved into a factory,
// must still get its generics from that type, as the original assignment did
// (`client = createClient()` infers them from `client`'s type; `const client = createClient()`
// in the factory alone would not). The migrated file is checked with tsc --strict against a
// small typing of 'redis' whose generic parameter only the declared type can give.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/clients';
import { typeCheckErrors } from '../typeCheck';

const REDIS_TYPING = `declare module 'redis' {
  export interface RedisClientType<M> {
    modules: M;
    isOpen: boolean;
    connect(): Promise<RedisClientType<M>>;
    get(key: string): Promise<string | null>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
  export function createClient<M = {}>(options?: { url?: string; modules?: M }): RedisClientType<M>;
}
`;

const cases: Record<string, [string, string]> = {
  lazy: [
    "import { createClient, type RedisClientType } from 'redis';\n\nlet client: RedisClientType<{ json: { version: number } }> | undefined;\n\nexport const handler = async (event: { key: string }) => {\n  if (!client) {\n    client = createClient();\n    await client.connect();\n  }\n  return client.get(event.key);\n};\n",
    'const client: RedisClientType<{ json: { version: number } }> = createClient();',
  ],
  lazyNull: [
    "import { createClient, type RedisClientType } from 'redis';\n\ntype Cache = RedisClientType<{ search: string[] }>;\nlet cache: Cache | null = null;\n\nasync function getCache(): Promise<Cache> {\n  if (!cache) {\n    cache = createClient({ url: process.env.REDIS_URL });\n    await cache.connect();\n  }\n  return cache;\n}\n\nexport const handler = async (event: { key: string }) => (await getCache()).get(event.key);\n",
    'const cache: Cache = createClient({ url: process.env.REDIS_URL });',
  ],
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-client-declared-type-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('the factory makes the declared type, and the migrated handlers type-check', () => {
  const typing = path.join(dir, 'redis.d.ts');
  fs.writeFileSync(typing, REDIS_TYPING);
  const files = [typing];
  for (const [name, [source, expected]] of Object.entries(cases)) {
    // the originals type-check: a complaint below comes from the migration
    const original = path.join(dir, `${name}.original.ts`);
    fs.writeFileSync(original, source);
    expect([name, typeCheckErrors([typing, original], dir)]).toEqual([name, '']);
    const result = applyTransforms(source, `${name}.ts`, { transforms: [transform] });
    expect([name, result.error, result.output]).toEqual([name, undefined, expect.stringContaining(expected)]);
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, result.output!);
    files.push(file);
  }
  expect(typeCheckErrors(files, dir)).toBe('');
});

it('a JavaScript client gets no type, and one declared without a type keeps an untyped factory', () => {
  const js = applyTransforms("import { createClient } from 'redis';\nlet client;\nexport const handler = async (event) => {\n  if (!client) {\n    client = createClient();\n    await client.connect();\n  }\n  return client.get(event.key);\n};\n", 'h.mjs', { transforms: [transform] });
  expect(js.output).toContain('  const client = createClient();');
  const untyped = applyTransforms("import { createClient } from 'redis';\nlet client;\nexport const handler = async (event: { key: string }) => {\n  if (!client) {\n    client = createClient();\n    await client.connect();\n  }\n  return client.get(event.key);\n};\n", 'h.ts', { transforms: [transform] });
  expect(untyped.output).toContain('  const client = createClient();');
});
