// `simulate` of a handler that imports from a Lambda layer: `/opt/...` and the layer's
// node_modules mapped from the manifest's layer folders, `--module SPECIFIER=PATH`, and the
// load error that says how when neither maps it. Through the built bin (`npm run build` first).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mappedCandidates, moduleMappings } from '../../src/simulate/layerPaths';
import { makeTree, removeTree } from '../engine/tree';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'lambda-clean-slate.js');

const created: string[] = [];
afterAll(() => created.forEach(removeTree));
beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${path.relative(ROOT, BIN)} is missing: run npm run build first`);
});

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, 'simulate', ...args], { cwd, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '', NODE_PATH: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const HANDLER = `const { audit } = require('/opt/nodejs/common.js');
const { tag } = require('common-lib');
exports.handler = async (event) => ({ audit: audit(event.id), tags: tag(event.kind) });
`;
const ESM_HANDLER = `import { audit } from '/opt/nodejs/common.js';
export const handler = async (event) => ({ audit: audit(event.id) });
`;
const FILES = {
  'functions/app.js': HANDLER,
  'functions/esm.mjs': ESM_HANDLER,
  'events/a.json': '{ "id": "a", "kind": "x" }',
  'events/b.json': '{ "id": "b", "kind": "y" }',
  'layers/common/nodejs/common.js': 'const trail = [];\nexports.audit = (entry) => { trail.push(entry); return trail.length; };\n',
  'layers/common/nodejs/node_modules/common-lib/package.json': '{ "name": "common-lib", "main": "index.js" }',
  'layers/common/nodejs/node_modules/common-lib/index.js': 'const tags = new Set();\nexports.tag = (t) => { tags.add(t); return [...tags]; };\n',
};
const TEMPLATE = (layers: string) => `Transform: AWS::Serverless-2016-10-31
Resources:
  CommonLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/common/
  App:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: functions/
      Handler: app.handler
      Layers: [${layers}]
  Esm:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: functions/
      Handler: esm.handler
      Layers: [${layers}]
`;

function project(layers: string): string {
  const dir = makeTree({ ...FILES, 'template.yaml': TEMPLATE(layers) }, 'lcs-simulate-layers-');
  created.push(dir);
  return dir;
}

const EVENTS = ['--event', 'events/a.json', '--event', 'events/b.json'];

describe('simulate with Lambda layers', () => {
  it("maps /opt/... and the layer's node_modules from template.yaml's layer folder, without flags", () => {
    const run = cli(project('!Ref CommonLayer'), 'functions/app.js', ...EVENTS);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/2 {2}b\.json +\{"audit":2,"tags":\["x","y"\]\} +\{"audit":1,"tags":\["y"\]\} +<- differs/);
    expect(run.status).toBe(1);
  });

  it('maps /opt/... for an ES module too', () => {
    const run = cli(project('!Ref CommonLayer'), 'functions/esm.mjs', ...EVENTS);
    expect(run.stdout).toMatch(/2 {2}b\.json +\{"audit":2\} +\{"audit":1\} +<- differs/);
    expect(run.status).toBe(1);
  });

  it('a layer that is not a folder here: the load error says how to map it', () => {
    const run = cli(project('arn:aws:lambda:us-east-1:123456789012:layer:common:7'), 'functions/app.js', ...EVENTS);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(
      "FAILED: cannot load functions/app.js: Error: Cannot find module '/opt/nodejs/common.js' (/opt/nodejs/common.js is in a Lambda layer: map it with --module /opt/nodejs/common.js=PATH",
    );
  });

  it('--module SPECIFIER=PATH (repeatable; a SPECIFIER ending in / maps a folder)', () => {
    const dir = project('arn:aws:lambda:us-east-1:123456789012:layer:common:7');
    const exact = cli(dir, 'functions/app.js', ...EVENTS, '--module', '/opt/nodejs/common.js=layers/common/nodejs/common.js', '--module', 'common-lib=layers/common/nodejs/node_modules/common-lib/index.js');
    expect(exact.stdout).toMatch(/2 {2}b\.json +\{"audit":2,"tags":\["x","y"\]\} +\{"audit":1,/);
    expect(exact.status).toBe(1);
    const folder = cli(dir, 'functions/esm.mjs', ...EVENTS, '--module', '/opt/nodejs/=layers/common/nodejs/');
    expect(folder.stdout).toMatch(/2 {2}b\.json +\{"audit":2\} +\{"audit":1\} +<- differs/);
    expect(folder.status).toBe(1);
  });

  it('--module SPECIFIER=FOLDER without a trailing / maps the folder too', () => {
    const dir = project('arn:aws:lambda:us-east-1:123456789012:layer:common:7');
    const run = cli(dir, 'functions/esm.mjs', ...EVENTS, '--module', '/opt/nodejs=layers/common/nodejs');
    expect(run.stdout).toMatch(/2 {2}b\.json +\{"audit":2\} +\{"audit":1\} +<- differs/);
    expect(run.status).toBe(1);
  });

  it('--module wins over the manifest\'s layer; a malformed or missing one is a usage error', () => {
    const dir = project('!Ref CommonLayer');
    fs.writeFileSync(path.join(dir, 'stub.js'), 'exports.audit = () => 0;\n');
    const run = cli(dir, 'functions/esm.mjs', ...EVENTS, '--module', '/opt/nodejs/common.js=stub.js');
    expect(run.stdout).toContain('CLEAN');
    expect(run.status).toBe(0);
    const bad = cli(dir, 'functions/app.js', '--module', 'common-lib');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--module takes SPECIFIER=PATH');
    const missing = cli(dir, 'functions/app.js', '--module', 'common-lib=nowhere.js');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--module common-lib=nowhere.js: nowhere.js was not found');
  });
});

describe('the runner\'s mapping of specifiers', () => {
  const layers = [{ opt: '/p/layers/common', nodejs: '/p/layers/common/nodejs' }];

  it('/opt/... is normalized before it is mapped: a path that leaves /opt maps nowhere', () => {
    expect(mappedCandidates('/opt/nodejs/../bin/tool.js', {}, layers)).toEqual(['/p/layers/common/bin/tool.js']);
    expect(mappedCandidates('/opt/x/../../y', {}, layers)).toEqual([]);
    expect(mappedCandidates('/opt/../etc/passwd', {}, layers)).toEqual([]);
  });

  it('a --module entry whose path is a folder maps the folder (as if both ended in /); one whose path is a file maps that specifier only', () => {
    const dir = makeTree({ 'layers/common/nodejs/common.js': '', 'stub.js': '' }, 'lcs-simulate-modules-');
    created.push(dir);
    expect(moduleMappings({ '/opt/nodejs': path.join(dir, 'layers/common/nodejs'), '/opt/nodejs/common.js': path.join(dir, 'stub.js'), 'x/': path.join(dir, 'layers') })).toEqual({
      '/opt/nodejs/': path.join(dir, 'layers/common/nodejs'),
      '/opt/nodejs/common.js': path.join(dir, 'stub.js'),
      'x/': path.join(dir, 'layers'),
    });
  });
});
