// tsc output that git does not ignore (`build/` next to the sources): the TypeScript source is
// migrated and its built copy is not, with one note per run saying how many and why.
import { migrate } from '../../src/engine/migrate';
import { makeTree, removeTree } from './tree';

jest.mock('../../src/engine/selectTransforms', () => ({
  selectTransforms: () => [require('./markTransform').markTransform],
}));

const created: string[] = [];
afterAll(() => created.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const dir = makeTree(files, 'lcs-built-');
  created.push(dir);
  return dir;
}

const SOURCE = 'export const handler = async (event: unknown) => {\n  return 1;\n};\n';
const BUILT = '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.handler = void 0;\nconst handler = async (event) => {\n    return 1;\n};\nexports.handler = handler;\n';

const MONOREPO = {
  'tsconfig.json': '{ "compilerOptions": { "outDir": "build", "rootDir": "." }, "include": ["packages/*/src/**/*.ts"] }',
  'packages/orders/src/handlers/create.ts': SOURCE,
  'packages/orders/src/handlers/list.ts': SOURCE,
  'packages/billing/src/charge.mts': SOURCE,
  'build/packages/orders/src/handlers/create.js': BUILT,
  'build/packages/orders/src/handlers/create.d.ts': 'export declare const handler: (event: unknown) => Promise<number>;\n',
  'build/packages/orders/src/handlers/list.js': BUILT,
  'build/packages/billing/src/charge.mjs': 'export const handler = async (event) => {\n  return 1;\n};\n',
};

describe('build output of TypeScript sources in the run', () => {
  it('migrates the sources, not their copies in the outDir, and says so once', async () => {
    const dir = tree(MONOREPO);
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path)).toEqual(['packages/billing/src/charge.mts', 'packages/orders/src/handlers/create.ts', 'packages/orders/src/handlers/list.ts']);
    expect(result.notes).toEqual(['3 built files in build/ (outDir of tsconfig.json) not migrated: they are tsc output of TypeScript sources in this run, which are migrated instead']);
    expect(result.skipped).toEqual([]);
    expect(result.summary.handlerModules).toBe(3);
  });

  it('migrates a built file whose source is not in the run, as before', async () => {
    const dir = tree(MONOREPO);
    const result = await migrate({ cwd: dir, paths: ['build/packages/orders'] });
    expect(result.files.map((f) => f.path)).toEqual(['build/packages/orders/src/handlers/create.js', 'build/packages/orders/src/handlers/list.js']);
    expect(result.notes).toEqual([]);
  });

  it('keeps a JavaScript file outside the outDir, and one whose TypeScript namesake is not its source', async () => {
    const dir = tree({
      'tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }',
      'src/app.ts': SOURCE,
      'scripts/app.js': BUILT,
      'dist/other.js': BUILT,
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path)).toEqual(['dist/other.js', 'scripts/app.js', 'src/app.ts']);
    expect(result.notes).toEqual([]);
  });

  it('does not migrate a built file whose sourceMappingURL names a TypeScript source in the run', async () => {
    const dir = tree({
      'src/app.ts': SOURCE,
      'out/app.js': `${BUILT}//# sourceMappingURL=app.js.map\n`,
      'out/app.js.map': JSON.stringify({ version: 3, file: 'app.js', sources: ['../src/app.ts'], mappings: '' }),
      'plain/app.js': BUILT,
    });
    const result = await migrate({ cwd: dir });
    expect(result.files.map((f) => f.path)).toEqual(['plain/app.js', 'src/app.ts']);
    expect(result.notes).toEqual(['1 built file not migrated: its source map names a TypeScript source in this run, which is migrated instead']);
  });
});
