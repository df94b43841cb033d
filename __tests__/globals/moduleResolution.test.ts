// Which project file an import names, as the project's build finds it: tsconfig `paths`
// aliases and workspace packages linked into node_modules, besides relative paths.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolvePathsAlias, resolveProjectModule } from '../../src/analysis/moduleResolution';

let dir: string;
beforeAll(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-module-resolution-')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Writes `files` (path relative to a new folder: text; a `-> target` text makes a link) there. */
function project(name: string, files: Record<string, string>): string {
  const root = path.join(dir, name);
  for (const [file, text] of Object.entries(files)) {
    const at = path.join(root, file);
    fs.mkdirSync(path.dirname(at), { recursive: true });
    if (text.startsWith('-> ')) fs.symlinkSync(text.slice(3), at, 'dir');
    else fs.writeFileSync(at, text);
  }
  return root;
}

const HANDLER = 'export const handler = async () => 1;\n';
const METRICS = 'export const metrics = { n: 0 };\n';

describe('tsconfig paths', () => {
  it('follows an alias relative to baseUrl, with .js read as .ts and a folder read by its index', () => {
    const root = project('base-url', {
      'tsconfig.json': '{ "compilerOptions": { "baseUrl": "./packages", // comment\n "paths": { "@shared/*": ["shared/src/*"], "config": ["shared/src/config"] } } }',
      'packages/shared/src/metrics.ts': METRICS,
      'packages/shared/src/config/index.ts': METRICS,
      'packages/orders/src/h.ts': HANDLER,
    });
    const from = path.join(root, 'packages/orders/src/h.ts');
    expect(resolveProjectModule(from, '@shared/metrics')).toBe(path.join(root, 'packages/shared/src/metrics.ts'));
    expect(resolveProjectModule(from, '@shared/metrics.js')).toBe(path.join(root, 'packages/shared/src/metrics.ts'));
    expect(resolveProjectModule(from, 'config')).toBe(path.join(root, 'packages/shared/src/config/index.ts'));
    expect(resolveProjectModule(from, '@shared/missing')).toBeNull();
    expect(resolvePathsAlias(from, 'uuid')).toBeUndefined();
  });

  it('reads paths from a base config through extends, relative to the base without baseUrl, and tries several targets in order', () => {
    const root = project('extends', {
      'tsconfig.base.json': '{ "compilerOptions": { "paths": { "@lib/*": ["./libs/generated/*", "./libs/src/*"], "@lib/special": ["./libs/special.ts"] } } }',
      'libs/src/audit.ts': METRICS,
      'libs/generated/audit.ts': METRICS,
      'libs/src/fmt.ts': METRICS,
      'libs/special.ts': METRICS,
      'apps/api/tsconfig.json': '{ "extends": "../../tsconfig.base.json", "compilerOptions": { "outDir": "dist" } }',
      'apps/api/src/h.ts': HANDLER,
    });
    const from = path.join(root, 'apps/api/src/h.ts');
    expect(resolveProjectModule(from, '@lib/audit')).toBe(path.join(root, 'libs/generated/audit.ts'));
    expect(resolveProjectModule(from, '@lib/fmt')).toBe(path.join(root, 'libs/src/fmt.ts'));
    expect(resolveProjectModule(from, '@lib/special')).toBe(path.join(root, 'libs/special.ts'));
  });

  it('does not follow an alias into node_modules', () => {
    const root = project('alias-to-package', {
      'tsconfig.json': '{ "compilerOptions": { "paths": { "react": ["./node_modules/preact/compat/index.js"] } } }',
      'node_modules/preact/compat/index.js': 'exports.x = 1;\n',
      'src/h.ts': HANDLER,
    });
    expect(resolveProjectModule(path.join(root, 'src/h.ts'), 'react')).toBeNull();
  });
});

describe('workspace packages', () => {
  it('follows a package linked to a folder of the project, by exports (types, import, require, default), main and types', () => {
    const root = project('workspaces', {
      'package.json': '{ "private": true, "workspaces": ["packages/*"] }',
      'packages/by-main/package.json': '{ "name": "@acme/by-main", "main": "src/metrics.ts" }',
      'packages/by-main/src/metrics.ts': METRICS,
      'packages/by-exports/package.json': '{ "name": "@acme/by-exports", "exports": { ".": { "import": "./src/index.mjs", "require": "./src/index.cjs" }, "./metrics": { "default": "./src/metrics.js" } } }',
      'packages/by-exports/src/index.mjs': METRICS,
      'packages/by-exports/src/index.cjs': METRICS,
      'packages/by-exports/src/metrics.js': METRICS,
      'packages/by-types/package.json': '{ "name": "@acme/by-types", "main": "dist/index.js", "types": "src/index.ts" }',
      'packages/by-types/src/index.ts': METRICS,
      'packages/orders/src/h.ts': HANDLER,
      'node_modules/@acme/by-main': '-> ../../packages/by-main',
      'node_modules/@acme/by-exports': '-> ../../packages/by-exports',
      'node_modules/@acme/by-types': '-> ../../packages/by-types',
    });
    const from = path.join(root, 'packages/orders/src/h.ts');
    expect(resolveProjectModule(from, '@acme/by-main')).toBe(path.join(root, 'packages/by-main/src/metrics.ts'));
    expect(resolveProjectModule(from, '@acme/by-exports')).toBe(path.join(root, 'packages/by-exports/src/index.mjs'));
    expect(resolveProjectModule(from, '@acme/by-exports/metrics')).toBe(path.join(root, 'packages/by-exports/src/metrics.js'));
    // a subpath the package does not export
    expect(resolveProjectModule(from, '@acme/by-exports/src/index.cjs')).toBeNull();
    expect(resolveProjectModule(from, '@acme/by-types')).toBe(path.join(root, 'packages/by-types/src/index.ts'));
  });

  it('reads built output as its source through the package tsconfig (outDir, rootDir), and does not follow built output with no source', () => {
    const root = project('built', {
      'packages/built/package.json': '{ "name": "built", "main": "dist/index.js", "exports": { ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" } } }',
      'packages/built/tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "lib" } }',
      'packages/built/lib/index.ts': METRICS,
      'packages/built/dist/index.js': 'exports.metrics = { n: 0 };\n',
      'packages/orphan/package.json': '{ "name": "orphan", "main": "dist/index.js" }',
      'packages/orphan/tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }',
      'packages/orphan/dist/index.js': 'exports.metrics = { n: 0 };\n',
      'packages/unbuilt/package.json': '{ "name": "unbuilt", "main": "dist/index.js" }',
      'packages/unbuilt/src/index.ts': METRICS,
      'packages/unbuilt/tsconfig.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }',
      'h.ts': HANDLER,
      'node_modules/built': '-> ../packages/built',
      'node_modules/orphan': '-> ../packages/orphan',
      'node_modules/unbuilt': '-> ../packages/unbuilt',
    });
    const from = path.join(root, 'h.ts');
    expect(resolveProjectModule(from, 'built')).toBe(path.join(root, 'packages/built/lib/index.ts'));
    expect(resolveProjectModule(from, 'orphan')).toBeNull();
    expect(resolveProjectModule(from, 'unbuilt')).toBe(path.join(root, 'packages/unbuilt/src/index.ts'));
  });

  it('does not follow a package installed in node_modules, a builtin, or a link to a folder outside the project', () => {
    const outside = project('outside', { 'package.json': '{ "name": "linked", "main": "index.js" }', 'index.js': METRICS });
    const root = project('installed', {
      'node_modules/uuid/package.json': '{ "name": "uuid", "main": "index.js" }',
      'node_modules/uuid/index.js': 'exports.v4 = () => "x";\n',
      'node_modules/linked': `-> ${outside}`,
      'src/h.ts': HANDLER,
    });
    const from = path.join(root, 'src/h.ts');
    expect(resolveProjectModule(from, 'uuid')).toBeNull();
    expect(resolveProjectModule(from, 'fs')).toBeNull();
    expect(resolveProjectModule(from, 'node:fs')).toBeNull();
    expect(resolveProjectModule(from, 'linked')).toBeNull();
    expect(resolveProjectModule(from, 'not-installed')).toBeNull();
  });
});
