// Lambda layers: which folder of the project a function's layers are (template.yaml,
// serverless.yml), and the state a handler changes in a layer's module, reported through
// the engine; a layer module that cannot be found is said, not skipped in silence.
import path from 'node:path';
import { layersForFile, locateManifests, readManifests } from '../../src/engine/manifests';
import { migrate } from '../../src/engine/migrate';
import { makeTree, removeTree } from './tree';

const created: string[] = [];
afterAll(() => created.forEach(removeTree));
function tree(files: Record<string, string>): string {
  const dir = makeTree(files, 'lcs-layers-');
  created.push(dir);
  return dir;
}

const HANDLER = `const { audit } = require('/opt/nodejs/common.js');
const { tag } = require('common-lib');
exports.handler = async (event) => {
  audit(event.id);
  return tag(event.kind);
};
`;
const COMMON = `const trail = [];
function audit(entry) {
  trail.push(entry);
  return trail.length;
}
module.exports = { audit };
`;
const COMMON_LIB = `const tags = new Set();
exports.tag = (t) => { tags.add(t); return [...tags]; };
`;
const LAYER_FILES = {
  'layers/common/nodejs/common.js': COMMON,
  'layers/common/nodejs/node_modules/common-lib/package.json': '{ "name": "common-lib", "main": "index.js" }',
  'layers/common/nodejs/node_modules/common-lib/index.js': COMMON_LIB,
};

function samProject(extra: Record<string, string> = {}, template?: string): string {
  return tree({
    'template.yaml': template ?? `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Layers:
      - !Ref CommonLayer
Resources:
  CommonLayer:
    Type: AWS::Serverless::LayerVersion
    Properties:
      ContentUri: layers/common/
  StreamFunction:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: functions/stream/
      Handler: index.handler
`,
    'functions/stream/index.js': HANDLER,
    ...LAYER_FILES,
    ...extra,
  });
}

/** The run from a folder beside the project, so that files are shown (and read) by their
 * absolute paths: the analysis reads a file's imports from the path it is shown under. */
async function run(dir: string) {
  const result = await migrate({ cwd: tree({}), paths: [dir] });
  return (file: string) => result.files.find((f) => f.absolutePath === path.join(dir, file))!;
}

function layersOfFile(dir: string, file: string) {
  const manifests = readManifests(locateManifests([], [dir], dir), dir);
  return manifests.layers.get(path.join(dir, file));
}

describe('layers in manifests', () => {
  it('SAM: Globals Layers come first, then the function\'s own (!Ref, Ref, !GetAtt); an ARN or a parameter is kept as written', () => {
    const dir = tree({
      'template.yaml': `Transform: AWS::Serverless-2016-10-31
Parameters:
  SharedLayerArn: { Type: String }
Globals:
  Function:
    Runtime: nodejs20.x
    Layers: [!Ref CommonLayer]
Resources:
  CommonLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layers/common/ }
  BuiltLayer:
    Type: AWS::Serverless::LayerVersion
    Properties: { ContentUri: layers/built }
    Metadata: { BuildMethod: nodejs20.x }
  PlainLayer:
    Type: AWS::Lambda::LayerVersion
    Properties: { Content: layers/plain }
  S3Layer:
    Type: AWS::Lambda::LayerVersion
    Properties: { Content: { S3Bucket: b, S3Key: k } }
  A:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: src/
      Handler: a.handler
      Layers:
        - Ref: BuiltLayer
        - !GetAtt PlainLayer.Arn
        - Fn::GetAtt: [PlainLayer, Arn]
        - arn:aws:lambda:us-east-1:123456789012:layer:shared:3
        - !Ref SharedLayerArn
        - !Ref S3Layer
  B:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Code: src/
      Handler: b.handler
  C:
    Type: AWS::Serverless::Function
    Properties: { CodeUri: src/, Handler: c.handler }
`,
      'src/a.js': 'exports.handler = async () => 1;\n',
      'src/b.js': 'exports.handler = async () => 1;\n',
      'src/c.js': 'exports.handler = async () => 1;\n',
    });
    expect(layersOfFile(dir, 'src/a.js')).toEqual({
      roots: [
        { origin: 'CommonLayer', opt: path.join(dir, 'layers/common'), nodejs: path.join(dir, 'layers/common/nodejs') },
        { origin: 'BuiltLayer', opt: null, nodejs: path.join(dir, 'layers/built') },
        { origin: 'PlainLayer', opt: path.join(dir, 'layers/plain'), nodejs: path.join(dir, 'layers/plain/nodejs') },
      ],
      other: ['arn:aws:lambda:us-east-1:123456789012:layer:shared:3', 'SharedLayerArn', 'S3Layer'],
    });
    // Globals apply to AWS::Serverless::Function only
    expect(layersOfFile(dir, 'src/b.js')).toBeUndefined();
    expect(layersOfFile(dir, 'src/c.js')?.roots.map((r) => r.origin)).toEqual(['CommonLayer']);
  });

  it('serverless.yml: layers by path, referenced as <TitleCase>LambdaLayer; a function\'s own list replaces the provider\'s', () => {
    const dir = tree({
      'serverless.yml': `service: shop
provider:
  name: aws
  runtime: nodejs20.x
  layers:
    - { Ref: CommonLambdaLayer }
layers:
  common:
    path: layers/common
  shared-utils:
    path: layers/shared
functions:
  a:
    handler: src/a.handler
  b:
    handler: src/b.handler
    layers:
      - Ref: SharedDashutilsLambdaLayer
      - arn:aws:lambda:us-east-1:123456789012:layer:x:1
`,
      'src/a.js': 'exports.handler = async () => 1;\n',
      'src/b.js': 'exports.handler = async () => 1;\n',
    });
    expect(layersOfFile(dir, 'src/a.js')).toEqual({ roots: [{ origin: 'layers.common', opt: path.join(dir, 'layers/common'), nodejs: path.join(dir, 'layers/common/nodejs') }], other: [] });
    expect(layersOfFile(dir, 'src/b.js')).toEqual({
      roots: [{ origin: 'layers.shared-utils', opt: path.join(dir, 'layers/shared'), nodejs: path.join(dir, 'layers/shared/nodejs') }],
      other: ['arn:aws:lambda:us-east-1:123456789012:layer:x:1'],
    });
    expect(layersForFile(path.join(dir, 'src/b.js'), dir)?.roots).toHaveLength(1);
  });
});

describe('state in a layer module, through the engine', () => {
  it('reports what a handler changes in /opt/nodejs/common.js and in a package of the layer\'s nodejs/node_modules', async () => {
    const dir = samProject();
    const file = (await run(dir))('functions/stream/index.js');
    const items = file.review.filter((r) => r.kind === 'imported-state').map((r) => r.message);
    expect(items).toHaveLength(2);
    expect(items.find((m) => m.startsWith('`audit`'))).toContain("`audit` comes from '/opt/nodejs/common.js', whose code a handler runs (`audit(event.id)`, line 4) and which changes state kept at module level there (`trail`, line 1 of ../../layers/common/nodejs/common.js)");
    expect(items.find((m) => m.startsWith('`tag`'))).toContain('(`tags`, line 1 of ../../layers/common/nodejs/node_modules/common-lib/index.js)');
    expect(file.review.filter((r) => r.kind === 'layer-module')).toEqual([]);
  });

  it('says once per module when a layer import cannot be mapped to a folder of the project', async () => {
    const dir = samProject(
      {},
      `Transform: AWS::Serverless-2016-10-31
Resources:
  StreamFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: functions/stream/
      Handler: index.handler
      Layers: [arn:aws:lambda:us-east-1:123456789012:layer:common:7]
`,
    );
    const file = (await run(dir))('functions/stream/index.js');
    const items = file.review.filter((r) => r.kind === 'layer-module').map((r) => r.message);
    expect(items).toHaveLength(2);
    expect(items[0]).toBe(
      "`audit` comes from '/opt/nodejs/common.js', a Lambda layer's path, and the function's layers are not folders of this project (`arn:aws:lambda:us-east-1:123456789012:layer:common:7`): the state that module keeps was not checked, and what a handler changes there survives into the next invocation; review that module (a layer's folder named by its ContentUri, or its path in serverless.yml, is followed)",
    );
    expect(items[1]).toContain("`tag` comes from 'common-lib', which Node does not find near this file nor in a layer folder of this project");
    expect(file.review.filter((r) => r.kind === 'imported-state')).toEqual([]);
  });

  it('an /opt import with no manifest at all is said too; a package installed near the handler is not', async () => {
    const dir = tree({
      'handler.js': HANDLER.replace("require('common-lib')", "require('pg')").replace('tag(event.kind)', 'tag(1)'),
      'node_modules/pg/index.js': 'exports.tag = () => 1;\n',
    });
    const items = (await run(dir))('handler.js').review.filter((r) => r.kind === 'layer-module').map((r) => r.message);
    expect(items).toEqual([expect.stringContaining("`audit` comes from '/opt/nodejs/common.js', a Lambda layer's path, and no template.yaml or serverless.yml of this project maps a layer folder for this file")]);
  });
});

describe('packages a handler calls into, for a function with layers', () => {
  const UUID_HANDLER = `const { v4 } = require('uuid');
const { format } = require('date-fns');
const { nope } = require('not-listed');
exports.handler = async (event) => ({ id: v4(), at: format(event.at), n: nope() });
`;

  it('no item for a package a package.json lists that is not installed yet (fresh clone, CI); one for a package nothing lists', async () => {
    const dir = samProject({
      'functions/stream/index.js': UUID_HANDLER,
      'functions/stream/package.json': JSON.stringify({ dependencies: { uuid: '^9.0.1' } }),
      'package.json': JSON.stringify({ devDependencies: { 'date-fns': '^3' } }),
    });
    const items = (await run(dir))('functions/stream/index.js').review.filter((r) => r.kind === 'layer-module').map((r) => r.message);
    expect(items).toEqual([expect.stringContaining("`nope` comes from 'not-listed', which Node does not find near this file nor in a layer folder")]);
  });

  it("a registry package installed into the layer's nodejs/node_modules is not followed as the project's code; a hand-written one is", async () => {
    const dir = samProject({
      'functions/stream/index.js': `const { tag } = require('common-lib');
const { tag: remember } = require('cache-lib');
exports.handler = async (event) => [tag(event.kind), remember(event.id)];
`,
      'layers/common/nodejs/package.json': JSON.stringify({ dependencies: { 'cache-lib': '^2.0.0' } }),
      'layers/common/nodejs/node_modules/cache-lib/package.json': '{ "name": "cache-lib", "main": "index.js" }',
      'layers/common/nodejs/node_modules/cache-lib/index.js': COMMON_LIB,
    });
    const file = (await run(dir))('functions/stream/index.js');
    const items = file.review.filter((r) => r.kind === 'imported-state').map((r) => r.message);
    // common-lib is hand-written in the layer (not in its package.json): followed
    expect(items).toEqual([expect.stringContaining("`tag` comes from 'common-lib'")]);
    expect(file.review.filter((r) => r.kind === 'layer-module')).toEqual([]);
  });
});

describe('with --handler', () => {
  it('the handler names come from the command line, and the layers still from the manifest', async () => {
    const dir = samProject();
    const result = await migrate({ cwd: tree({}), paths: [dir], handlerNames: ['handler'] });
    const file = result.files.find((f) => f.absolutePath === path.join(dir, 'functions/stream/index.js'))!;
    expect(result.manifests).toEqual([]);
    const messages = file.review.map((r) => r.message);
    expect(messages).toContainEqual(expect.stringContaining("`audit` comes from '/opt/nodejs/common.js'"));
    expect(messages.join('\n')).not.toContain('no template.yaml or serverless.yml');
  });
});
