// TypeScript narrows a variable to the value last assigned to it: a declaration moved into a
// handler, or a reset at its top, must not make the rest of the handler stop type-checking.
// The declared type is given back with `as` where narrowing could shrink it; the migrated
// files are checked with tsc --strict.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';
import { typeCheckErrors } from '../typeCheck';


const cases: Record<string, [string, string]> = {
  movedUnion: [
    "let status: 'idle' | 'busy' = 'idle';\nexport const handler = async (event: { id: string }) => {\n  if (status === 'busy') return 'busy';\n  status = 'busy';\n  return event.id;\n};\n",
    "let status: 'idle' | 'busy' = 'idle' as 'idle' | 'busy';",
  ],
  resetNullable: [
    'interface Session { user: string }\nlet current: Session | null = null;\nfunction open(user: string) { current = { user }; }\nexport const handler = async (event: { user: string }) => {\n  open(event.user);\n  return current ? current.user : "none";\n};\n',
    'current = null as Session | null;',
  ],
  resetBoolean: [
    'let busy: boolean = false;\nconst mark = () => { busy = true; };\nexport const handler = async (event: { id: string }) => {\n  mark();\n  return busy === true ? event.id : "";\n};\n',
    'busy = false as boolean;',
  ],
  typeofOutside: [
    'const state = { items: [] as string[] };\ntype CartState = typeof state;\nfunction show(s: CartState) { return s.items.length; }\nexport const handler = async (event: { id: string }) => {\n  state.items.push(event.id);\n  return show(state);\n};\n',
    '  state = { items: [] as string[] };',
  ],
  typeofInParameters: [
    'const counters = { a: 0, b: 0 };\nexport const handler = async (event: { action: keyof typeof counters }) => {\n  counters[event.action] += 1;\n  return counters[event.action];\n};\n',
    '  counters = { a: 0, b: 0 };',
  ],
  // declared without a value: `undefined` alone is no `string` (TS2322), and a moved
  // declaration is checked for use before assignment in the handler (TS2454)
  resetUninitialised: [
    "let messageId!: string;\nconst log = (m: string) => `[${messageId}] ${m}`;\nfunction take(id: string) { messageId = id; return log('ok'); }\nexport const handler = async (event: { ids: string[] }) => event.ids.map(take);\n",
    'messageId = undefined as unknown as string;',
  ],
  resetUninitialisedUnion: [
    "let status: 'idle' | 'busy' | undefined;\nconst mark = () => { status = 'busy'; };\nexport const handler = async (event: { id: string }) => {\n  mark();\n  return status === 'busy' ? event.id : '';\n};\n",
    "status = undefined as 'idle' | 'busy' | undefined;",
  ],
  movedUninitialised: [
    'interface User { id: string }\nlet user: User;\nexport const handler = async (event: { auth?: string }) => {\n  if (event.auth) user = { id: event.auth };\n  return user ? user.id : null;\n};\n',
    '  let user!: User;',
  ],
  movedUninitialisedOptional: [
    'let note: string | undefined;\nexport const handler = async (event: { n?: string }) => {\n  if (event.n) note = event.n;\n  return note ?? "";\n};\n',
    '  let note: string | undefined;',
  ],
  notNarrowable: ['let seen: string[] = [];\nexport const handler = async (event: { id: string }) => {\n  seen.push(event.id);\n  return seen.length;\n};\n', 'let seen: string[] = [];'],
};

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-type-narrowing-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('moved and reset declarations keep their declared type, types that name them still resolve, and the handlers type-check', () => {
  const files: string[] = [];
  for (const [name, [source, expected]] of Object.entries(cases)) {
    const result = applyTransforms(source, `${name}.ts`, { transforms: [transform] });
    expect([name, result.error, result.output]).toEqual([name, undefined, expect.stringContaining(expected)]);
    const file = path.join(dir, `${name}.ts`);
    fs.writeFileSync(file, result.output!);
    files.push(file);
  }
  expect(typeCheckErrors(files, dir)).toBe('');
});
