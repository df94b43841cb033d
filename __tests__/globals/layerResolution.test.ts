// Lambda layers in module resolution: `/opt/nodejs/X`, `/opt/X` and package names Node does
// not find near the handler (Lambda's NODE_PATH) are read from the layers' folders.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { declaredDependency, resolveProjectModule, type LambdaLayers } from '../../src/analysis/moduleResolution';

let root: string;
const JS = 'module.exports = {};\n';
beforeAll(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-layer-resolution-')));
  const files: Record<string, string> = {
    'functions/app.js': JS,
    'node_modules/installed/index.js': JS,
    'layers/common/nodejs/common.js': JS,
    'layers/common/nodejs/util/index.js': JS,
    'layers/common/bin/tool.js': JS,
    'layers/common/nodejs/node_modules/common-lib/package.json': '{ "name": "common-lib", "main": "lib/main.js" }',
    'layers/common/nodejs/node_modules/common-lib/lib/main.js': JS,
    'layers/common/nodejs/node_modules/@acme/log/index.js': JS,
    'layers/common/nodejs/node_modules/@acme/log/extra.js': JS,
    'layers/common/nodejs/node_modules/installed/index.js': JS,
    [`layers/common/nodejs/node${process.versions.node.split('.')[0]}/node_modules/versioned/index.js`]: JS,
    'layers/second/nodejs/common.js': JS,
    'layers/built/common2.js': JS,
    'layers/built/node_modules/built-lib/index.js': JS,
    'layers/npm/nodejs/package.json': JSON.stringify({ dependencies: { uuid: '^9.0.1', 'own-lib': 'file:../lib/own-lib', 'ws-lib': 'workspace:*' }, optionalDependencies: { tagged: 'latest' } }),
    'layers/npm/nodejs/node_modules/uuid/index.js': JS,
    'layers/npm/nodejs/node_modules/tagged/index.js': JS,
    'layers/npm/nodejs/node_modules/own-lib/index.js': JS,
    'layers/npm/nodejs/node_modules/ws-lib/index.js': JS,
    'layers/npm/nodejs/node_modules/hand-written/index.js': JS,
    'layers/npmbuilt/package.json': JSON.stringify({ dependencies: { pg: '8.11.0' } }),
    'layers/npmbuilt/node_modules/pg/index.js': JS,
    'layers/npmopt/package.json': JSON.stringify({ devDependencies: { dayjs: '^1' } }),
    'layers/npmopt/nodejs/node_modules/dayjs/index.js': JS,
  };
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

const layer = (name: string) => ({ origin: name, opt: path.join(root, 'layers', name), nodejs: path.join(root, 'layers', name, 'nodejs') });
const at = (file: string) => path.join(root, file);

describe('Lambda layers', () => {
  let layers: LambdaLayers;
  beforeAll(() => {
    layers = { roots: [layer('common')], other: [] };
  });
  const from = () => at('functions/app.js');

  it('/opt/nodejs/X is <layer>/nodejs/X, with an extension or a folder index found; /opt/X is <layer>/X', () => {
    expect(resolveProjectModule(from(), '/opt/nodejs/common.js', { layers })).toBe(at('layers/common/nodejs/common.js'));
    expect(resolveProjectModule(from(), '/opt/nodejs/common', { layers })).toBe(at('layers/common/nodejs/common.js'));
    expect(resolveProjectModule(from(), '/opt/nodejs/util', { layers })).toBe(at('layers/common/nodejs/util/index.js'));
    expect(resolveProjectModule(from(), '/opt/bin/tool.js', { layers })).toBe(at('layers/common/bin/tool.js'));
    expect(resolveProjectModule(from(), '/opt/nodejs/missing.js', { layers })).toBeNull();
    expect(resolveProjectModule(from(), '/opt/../etc/passwd', { layers })).toBeNull();
  });

  it('without layers, an /opt path is not followed', () => {
    expect(resolveProjectModule(from(), '/opt/nodejs/common.js')).toBeNull();
  });

  it('a package name Node does not find near the file is read from the layer\'s nodejs/node_modules (main, scope, subpath, nodeNN)', () => {
    expect(resolveProjectModule(from(), 'common-lib', { layers })).toBe(at('layers/common/nodejs/node_modules/common-lib/lib/main.js'));
    expect(resolveProjectModule(from(), '@acme/log', { layers })).toBe(at('layers/common/nodejs/node_modules/@acme/log/index.js'));
    expect(resolveProjectModule(from(), '@acme/log/extra', { layers })).toBe(at('layers/common/nodejs/node_modules/@acme/log/extra.js'));
    expect(resolveProjectModule(from(), 'versioned', { layers })).toMatch(/node\d+\/node_modules\/versioned\/index\.js$/);
    expect(resolveProjectModule(from(), 'common-lib')).toBeNull();
  });

  it('a package Node finds near the file is that one (somebody else\'s code), not the layer\'s', () => {
    expect(resolveProjectModule(from(), 'installed', { layers })).toBeNull();
    expect(resolveProjectModule(from(), 'fs', { layers })).toBeNull();
  });

  it('the last layer that has the path wins, as Lambda extracts them in order', () => {
    const two: LambdaLayers = { roots: [layer('common'), layer('second')], other: [] };
    expect(resolveProjectModule(from(), '/opt/nodejs/common.js', { layers: two })).toBe(at('layers/second/nodejs/common.js'));
  });

  it('a layer built into /opt/nodejs (SAM BuildMethod) maps /opt/nodejs to its folder', () => {
    const built: LambdaLayers = { roots: [{ origin: 'Built', opt: null, nodejs: at('layers/built') }], other: [] };
    expect(resolveProjectModule(from(), '/opt/nodejs/common2.js', { layers: built })).toBe(at('layers/built/common2.js'));
    expect(resolveProjectModule(from(), 'built-lib', { layers: built })).toBe(at('layers/built/node_modules/built-lib/index.js'));
    expect(resolveProjectModule(from(), '/opt/common2.js', { layers: built })).toBeNull();
  });

  it("a package the layer's package.json lists as a registry dependency is somebody else's code, not followed; a file:/workspace: one or one it does not list is the project's", () => {
    const npm: LambdaLayers = { roots: [layer('npm')], other: [] };
    expect(resolveProjectModule(from(), 'uuid', { layers: npm })).toBeNull();
    expect(resolveProjectModule(from(), 'tagged', { layers: npm })).toBeNull();
    expect(resolveProjectModule(from(), 'own-lib', { layers: npm })).toBe(at('layers/npm/nodejs/node_modules/own-lib/index.js'));
    expect(resolveProjectModule(from(), 'ws-lib', { layers: npm })).toBe(at('layers/npm/nodejs/node_modules/ws-lib/index.js'));
    expect(resolveProjectModule(from(), 'hand-written', { layers: npm })).toBe(at('layers/npm/nodejs/node_modules/hand-written/index.js'));
    // the layer folder's own package.json: a layer built into /opt/nodejs, and one mounted at /opt
    const built: LambdaLayers = { roots: [{ origin: 'NpmBuilt', opt: null, nodejs: at('layers/npmbuilt') }], other: [] };
    expect(resolveProjectModule(from(), 'pg', { layers: built })).toBeNull();
    expect(resolveProjectModule(from(), 'dayjs', { layers: { roots: [layer('npmopt')], other: [] } })).toBeNull();
  });
});

describe('declaredDependency', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-declared-')));
    const files: Record<string, string> = {
      'outside/package.json': JSON.stringify({ dependencies: { outside: '1' } }),
      'outside/repo/.git/HEAD': 'ref: refs/heads/main\n',
      'outside/repo/package.json': JSON.stringify({ devDependencies: { jest: '^30' }, peerDependencies: { react: '*' } }),
      'outside/repo/functions/orders/package.json': JSON.stringify({ dependencies: { uuid: '^9' }, optionalDependencies: { '@scope/pkg': '1' } }),
      'outside/repo/functions/orders/app.js': JS,
      'outside/repo/layers/common/nodejs/package.json': JSON.stringify({ dependencies: { pg: '^8' } }),
    };
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('a package a package.json lists, from the file\'s folder up to the repository root or in a layer folder', () => {
    const file = path.join(dir, 'outside/repo/functions/orders/app.js');
    expect(declaredDependency(file, 'uuid')).toBe(true);
    expect(declaredDependency(file, '@scope/pkg/sub')).toBe(true);
    expect(declaredDependency(file, 'jest')).toBe(true);
    expect(declaredDependency(file, 'react')).toBe(true);
    expect(declaredDependency(file, 'lodash')).toBe(false);
    // above the repository root: not the project's
    expect(declaredDependency(file, 'outside')).toBe(false);
    const layers: LambdaLayers = { roots: [{ origin: 'Common', opt: path.join(dir, 'outside/repo/layers/common'), nodejs: path.join(dir, 'outside/repo/layers/common/nodejs') }], other: [] };
    expect(declaredDependency(file, 'pg')).toBe(false);
    expect(declaredDependency(file, 'pg', layers)).toBe(true);
  });
});
