import path from 'node:path';
import { renderMarkdown } from '../../src/engine/formats/markdown';
import { handlerNamesFor, locateManifests, readManifests } from '../../src/engine/manifests';
import { migrate } from '../../src/engine/migrate';
import { makeRepository, makeTree, removeTree } from './tree';

const created: string[] = [];
afterAll(() => created.forEach(removeTree));
function tree(files: Record<string, string>, repository = false): string {
  const dir = repository ? makeRepository(files, 'lcs-manifests-') : makeTree(files, 'lcs-manifests-');
  created.push(dir);
  return dir;
}

const SAM = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    CodeUri: src/
    Handler: index.handler
    Environment:
      Variables:
        TABLE: !Ref Table
        ARN: !GetAtt Table.Arn
Conditions:
  IsProd: !Equals [!Ref Stage, prod]
Resources:
  Orders:
    Type: AWS::Serverless::Function
    Properties:
      Handler: orders.lambdaHandler
      Role: !If [IsProd, !GetAtt Role.Arn, !Ref AWS::NoValue]
      Policies:
        - Statement:
            Resource: !Sub 'arn:aws:s3:::\${Bucket}/*'
  Default:
    Type: AWS::Serverless::Function
  Api:
    Type: AWS::Serverless::Function
    Properties:
      CodeUri: api/
      Handler: app.handlers.create
  Plain:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: legacy/plain.main
      Code:
        S3Bucket: b
        S3Key: k
  Python:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: python3.12
      Handler: orders.other
  Table:
    Type: AWS::DynamoDB::Table
`;

describe('readManifests', () => {
  it('reads SAM handlers against CodeUri and Globals, with intrinsic function tags', () => {
    const dir = tree({
      'template.yaml': SAM,
      'src/orders.js': '',
      'src/index.ts': '',
      'api/app.mjs': '',
      'legacy/plain.js': '',
    });
    const m = readManifests([path.join(dir, 'template.yaml')], dir);
    expect(m.notes).toEqual([]);
    expect(Object.fromEntries([...m.byFile].map(([f, n]) => [path.relative(dir, f), n]))).toEqual({
      'src/orders.js': ['lambdaHandler'],
      'src/index.ts': ['handler'],
      'api/app.mjs': ['handlers.create'],
      'legacy/plain.js': ['main'],
    });
  });

  it("reads a CloudFormation function's local Code folder as its CodeUri, and ignores an S3 location", () => {
    const dir = tree({
      'template.yaml':
        'Resources:\n  Local:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Code: src/\n      Handler: index.handler\n' +
        '  Remote:\n    Type: AWS::Lambda::Function\n    Properties:\n      Runtime: nodejs20.x\n      Code:\n        S3Bucket: b\n        S3Key: k.zip\n      Handler: remote.handler\n',
      'src/index.js': '',
      'remote.js': '',
    });
    const m = readManifests([path.join(dir, 'template.yaml')], dir);
    expect(Object.fromEntries([...m.byFile].map(([f, n]) => [path.relative(dir, f), n]))).toEqual({ 'src/index.js': ['handler'], 'remote.js': ['handler'] });
  });

  it('reads serverless.yml handlers relative to the file', () => {
    const dir = tree({
      'serverless.yml': 'service: s\nfunctions:\n  create:\n    handler: src/handlers/create.main\n  list:\n    handler: src/handlers/create.list\n  gone:\n    handler: src/missing.handler\n',
      'src/handlers/create.ts': '',
    });
    const m = readManifests([path.join(dir, 'serverless.yml')], dir);
    expect([...m.byFile.values()]).toEqual([['main', 'list']]);
    expect(m.notes).toEqual(['serverless.yml: functions.gone: no source file found for handler "src/missing.handler"']);
  });

  it('maps a built file to its source through tsconfig outDir and rootDir', () => {
    const dir = tree({
      'template.yml': 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: dist/\n      Handler: functions/app.handler\n',
      'tsconfig.json': '{\n  // comments are allowed\n  "compilerOptions": { "outDir": "./dist", "rootDir": "./lib", },\n}\n',
      'lib/functions/app.ts': '',
    });
    const m = readManifests([path.join(dir, 'template.yml')], dir);
    expect([...m.byFile.keys()]).toEqual([path.join(dir, 'lib/functions/app.ts')]);
  });

  it('maps dist to src when tsconfig has an outDir and no rootDir, following extends', () => {
    const dir = tree({
      'serverless.yml': 'functions:\n  f:\n    handler: dist/app.handler\n',
      'tsconfig.base.json': '{ "compilerOptions": { "outDir": "dist" } }',
      'tsconfig.json': '{ "extends": "./tsconfig.base.json" }',
      'src/app.ts': '',
    });
    const m = readManifests([path.join(dir, 'serverless.yml')], dir);
    expect([...m.byFile.keys()]).toEqual([path.join(dir, 'src/app.ts')]);
  });

  describe('tsconfig extends, as tsc follows it', () => {
    const FN = 'serverless.yml';
    const SERVERLESS = 'functions:\n  f:\n    handler: dist/app.handler\n';
    const sources = (m: ReturnType<typeof readManifests>, dir: string) => [...m.byFile.keys()].map((f) => path.relative(dir, f));

    it('resolves a relative outDir/rootDir against the base config that sets them', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'config/tsconfig.base.json': '{ "compilerOptions": { "outDir": "../dist", "rootDir": "../lib" } }',
        'tsconfig.json': '{ "extends": "./config/tsconfig.base" }',
        'lib/app.ts': '',
        'dist/app.js': 'exports.handler = async () => {};\n',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect(m.notes).toEqual([]);
      expect(sources(m, dir)).toEqual(['lib/app.ts']);
    });

    it('resolves a package specifier through node_modules, with ${configDir}', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'node_modules/@acme/tsconfig/package.json': '{ "name": "@acme/tsconfig" }',
        'node_modules/@acme/tsconfig/node20.json': '{ "compilerOptions": { "outDir": "${configDir}/dist", "rootDir": "${configDir}/lib" } }',
        'tsconfig.json': '{ "extends": "@acme/tsconfig/node20.json", "compilerOptions": { "strict": true } }',
        'lib/app.ts': '',
        'dist/app.js': '',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect(m.notes).toEqual([]);
      expect(sources(m, dir)).toEqual(['lib/app.ts']);
    });

    it("resolves a bare package to its exports, its tsconfig field or its tsconfig.json; the local config overrides it", () => {
      const base = '{ "compilerOptions": { "outDir": "${configDir}/build", "rootDir": "${configDir}/lib" } }';
      for (const [manifest, file] of [
        ['{ "name": "base" }', 'tsconfig.json'],
        ['{ "name": "base", "tsconfig": "./configs/base.json" }', 'configs/base.json'],
        ['{ "name": "base", "exports": { ".": { "default": "./configs/exported.json" }, "./package.json": "./package.json" } }', 'configs/exported.json'],
      ]) {
        const dir = tree({
          [FN]: SERVERLESS,
          'node_modules/base/package.json': manifest,
          [`node_modules/base/${file}`]: base,
          'svc/tsconfig.json': '{ "extends": "base", "compilerOptions": { "outDir": "dist" } }',
          'svc/lib/app.ts': '',
          'svc/serverless.yml': SERVERLESS,
        });
        const m = readManifests([path.join(dir, 'svc', FN)], dir);
        expect([file, m.notes]).toEqual([file, []]);
        expect(sources(m, dir)).toEqual(['svc/lib/app.ts']);
      }
    });

    it('applies an array of bases in order, the local config last; a local outDir with a base rootDir', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'a.json': '{ "compilerOptions": { "rootDir": "wrong", "outDir": "wrong-out" } }',
        'b.json': '{ "compilerOptions": { "rootDir": "lib" } }',
        'tsconfig.json': '{ "extends": ["./a.json", "./b.json"], "compilerOptions": { "outDir": "dist" } }',
        'lib/app.ts': '',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect(m.notes).toEqual([]);
      expect(sources(m, dir)).toEqual(['lib/app.ts']);
    });

    it('survives an extends cycle, and reads comments, trailing commas and a BOM', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'a.json': '\uFEFF{\n  /* base */ "extends": "./tsconfig.json",\n  "compilerOptions": { "rootDir": "lib", // the sources\n  },\n}\n',
        'tsconfig.json': '\uFEFF{ "extends": "./a.json", "compilerOptions": { "outDir": "dist", "paths": { "x,]": ["y,}"], }, }, }',
        'lib/app.ts': '',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect(sources(m, dir)).toEqual(['lib/app.ts']);
    });

    it('uses tsconfig.build.json when tsconfig.json has no outDir', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'tsconfig.json': '{ "compilerOptions": { "noEmit": true } }',
        'tsconfig.build.json': '{ "extends": "./tsconfig.json", "compilerOptions": { "noEmit": false, "outDir": "dist", "rootDir": "lib" } }',
        'lib/app.ts': '',
      });
      expect(sources(readManifests([path.join(dir, FN)], dir), dir)).toEqual(['lib/app.ts']);
    });

    it('never takes a built file when its source exists and the mapping fails, and says why', () => {
      // tsc puts this project's output in ../dist (the base's outDir is relative to the base)
      const dir = tree({
        'tsconfig.base.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "src" } }',
        'svc/tsconfig.json': '{ "extends": "../tsconfig.base.json" }',
        'svc/serverless.yml': SERVERLESS,
        'svc/src/app.ts': '',
        'svc/dist/app.js': '',
      });
      const m = readManifests([path.join(dir, 'svc', FN)], dir);
      expect([...m.byFile.keys()]).toEqual([]);
      expect(m.notes).toHaveLength(1);
      expect(m.notes[0]).toMatch(/^svc\/serverless\.yml: functions\.f: handler "dist\/app\.handler" names svc\/dist\/app\.js, which looks built from svc\/src\/app\.ts, but svc\/tsconfig\.json does not map it there \(outDir "\.\.\/dist" set in \.\.\/tsconfig\.base\.json, rootDir "\.\.\/src" set in \.\.\/tsconfig\.base\.json; /);
      expect(m.notes[0]).toMatch(/neither is migrated: if that is its source, run `lambda-clean-slate migrate svc\/src\/app\.ts --handler handler`$/);
    });

    it('takes a hand-written JavaScript file in a project without a tsconfig, whatever TypeScript file bears its name', () => {
      const dir = tree({
        [FN]: SERVERLESS.replace('dist/app.handler', 'lib/app.handler'),
        'lib/app.js': 'exports.handler = async (event) => 1;\n',
        'src/app.ts': '',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect(sources(m, dir)).toEqual(['lib/app.js']);
      expect(m.notes).toEqual([]);
    });

    it('says which base was not found', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'tsconfig.json': '{ "extends": "@acme/missing/tsconfig.json" }',
        'src/app.ts': '',
        'dist/app.js': '',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect([...m.byFile.keys()]).toEqual([]);
      expect(m.notes).toEqual([
        'serverless.yml: functions.f: handler "dist/app.handler" names dist/app.js, which looks built from src/app.ts, but tsconfig.json gives no mapping (tsconfig.json extends "@acme/missing/tsconfig.json", which was not found); neither is migrated: if that is its source, run `lambda-clean-slate migrate src/app.ts --handler handler`',
      ]);
    });

    it('follows a built file\'s source map to its source', () => {
      const dir = tree({
        [FN]: SERVERLESS,
        'dist/app.js': 'exports.handler = async () => {};\n//# sourceMappingURL=app.js.map\n',
        'dist/app.js.map': '{ "version": 3, "sources": ["../lib/util.ts", "../lib/app.ts"], "mappings": "" }',
        'lib/app.ts': '',
        'lib/util.ts': '',
      });
      const m = readManifests([path.join(dir, FN)], dir);
      expect(m.notes).toEqual([]);
      expect(sources(m, dir)).toEqual(['lib/app.ts']);
    });

    it('still takes a plain JavaScript handler in a folder named like a build folder when no TypeScript source is beside it', () => {
      const dir = tree({ [FN]: 'functions:\n  f:\n    handler: lib/app.handler\n', 'lib/app.js': '' });
      expect(sources(readManifests([path.join(dir, FN)], dir), dir)).toEqual(['lib/app.js']);
    });
  });

  describe('serverless.yml ${file()} includes', () => {
    const named = (m: ReturnType<typeof readManifests>, dir: string) => Object.fromEntries([...m.byFile].map(([f, n]) => [path.relative(dir, f), n]));

    it('follows ${file(./x.yml)} and ${file(./x.yml):key} for a function, the functions map, a list of maps and a handler, relative to serverless.yml', () => {
      const dir = tree({
        'serverless.yml': [
          'service: s',
          'functions:',
          '  - create:',
          '      handler: src/create.main',
          '    remove: ${file(./fn-remove.yml)}',
          "    update: ${file('./config/fns.yml'):update}",
          '    list:',
          '      handler: ${file(./config/fns.yml):handlers.list}',
          '  - ${file(./config/more.json)}',
          '',
        ].join('\n'),
        'fn-remove.yml': 'handler: src/remove.main\nevents:\n  - http: DELETE /x\n',
        'config/fns.yml': 'update:\n  handler: src/update.main\n  role: !GetAtt Role.Arn\nhandlers:\n  list: src/list.main\n',
        'config/more.json': '{ "audit": { "handler": "src/audit.main" } }',
        'src/create.js': '',
        'src/remove.js': '',
        'src/update.js': '',
        'src/list.js': '',
        'src/audit.js': '',
      });
      const m = readManifests([path.join(dir, 'serverless.yml')], dir);
      expect(m.notes).toEqual([]);
      expect(named(m, dir)).toEqual({ 'src/create.js': ['main'], 'src/remove.js': ['main'], 'src/update.js': ['main'], 'src/list.js': ['main'], 'src/audit.js': ['main'] });
    });

    it('follows functions: ${file(./functions.yml)}', () => {
      const dir = tree({
        'serverless.yml': 'service: s\nfunctions: ${file(./functions.yml)}\n',
        'functions.yml': 'create:\n  handler: src/create.main\n',
        'src/create.ts': '',
      });
      const m = readManifests([path.join(dir, 'serverless.yml')], dir);
      expect(m.notes).toEqual([]);
      expect(named(m, dir)).toEqual({ 'src/create.ts': ['main'] });
    });

    it('notes, naming the function, an include it cannot follow and any other variable', () => {
      const dir = tree({
        'serverless.yml': [
          'service: s',
          'functions:',
          '  gone: ${file(./missing.yml)}',
          '  script: ${file(./fn.js)}',
          '  nokey: ${file(./fns.yml):nothing}',
          '  custom: ${self:custom.fn}',
          '  byStage:',
          '    handler: ${self:custom.handler}',
          '  nested: ${file(./fns.yml):outer}',
          '',
        ].join('\n'),
        'fns.yml': 'outer:\n  handler: ${file(./h.yml):handler}\n',
        'fn.js': 'module.exports = { handler: "src/a.main" };\n',
      });
      const m = readManifests([path.join(dir, 'serverless.yml')], dir);
      expect(m.byFile.size).toBe(0);
      expect(m.notes).toEqual([
        'serverless.yml: functions.gone: "${file(./missing.yml)}": missing.yml was not found; name its handler with --handler',
        'serverless.yml: functions.script: "${file(./fn.js)}" includes fn.js, which this tool does not read (only .yml, .yaml and .json); name its handler with --handler',
        'serverless.yml: functions.nokey: "${file(./fns.yml):nothing}": fns.yml has no "nothing"; name its handler with --handler',
        'serverless.yml: functions.custom: "${self:custom.fn}" is a variable this tool does not resolve; name its handler with --handler',
        'serverless.yml: functions.byStage: handler "${self:custom.handler}" is a variable this tool does not resolve; name its handler with --handler',
        'serverless.yml: functions.nested: handler "${file(./h.yml):handler}" is a ${file()} inside an included file, which this tool does not follow; name its handler with --handler',
      ]);
    });
  });

  it('notes a handler that is not a plain string and a template it cannot read', () => {
    const dir = tree({
      'template.yaml': 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: !Sub "${Name}.handler"\n',
      'serverless.yml': 'functions: [\n',
    });
    const m = readManifests([path.join(dir, 'serverless.yml'), path.join(dir, 'template.yaml')], dir);
    expect(m.notes[0]).toMatch(/^serverless\.yml: not read/);
    expect(m.notes[1]).toBe('template.yaml: F: handler is not a plain string; name it with --handler');
  });
});

describe('handlerNamesFor', () => {
  it('gives --handler names first, then manifest names; files a manifest does not name are not handlers; others use the default rule', () => {
    const dir = tree({
      'svc/template.yaml': 'Resources:\n  F:\n    Type: AWS::Serverless::Function\n    Properties:\n      Handler: app.main\n',
      'svc/app.js': '',
      'svc/util.js': '',
      'other/index.js': '',
    });
    const m = readManifests([path.join(dir, 'svc/template.yaml')], dir);
    expect(handlerNamesFor(path.join(dir, 'svc/app.js'), m)).toEqual(['main']);
    expect(handlerNamesFor(path.join(dir, 'svc/util.js'), m)).toEqual([]);
    expect(handlerNamesFor(path.join(dir, 'other/index.js'), m)).toBeUndefined();
    expect(handlerNamesFor(path.join(dir, 'svc/util.js'), m, ['run'])).toEqual(['run']);
  });
});

describe('locateManifests', () => {
  it('looks from the given path up to the git root', () => {
    const dir = tree({ 'template.yaml': 'Resources: {}\n', 'services/a/src/app.js': '', 'services/a/serverless.yml': 'functions: {}\n' }, true);
    expect(locateManifests([], [path.join(dir, 'services/a/src')], dir)).toEqual([
      path.join(dir, 'services/a/serverless.yml'),
      path.join(dir, 'template.yaml'),
    ]);
  });
});

describe('the manifests a run names', () => {
  it('run from a function folder: the manifest above it is named relatively (not by where CI checked out), in Markdown from the repository root', async () => {
    const dir = tree(
      {
        'template.yaml': 'Resources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/orders/\n      Handler: app.lambdaHandler\n      Runtime: nodejs20.x\n',
        'functions/orders/app.js': 'const seen = [];\nexports.lambdaHandler = async (event) => {\n  seen.push(event.id);\n  return seen.length;\n};\n',
      },
      true,
    );
    const result = await migrate({ cwd: path.join(dir, 'functions', 'orders'), transforms: ['globals'] });
    expect(result.manifests).toEqual(['../../template.yaml']);
    expect(result.files.map((f) => f.handlers)).toEqual([['lambdaHandler']]);
    expect(renderMarkdown(result)).toContain('Handler names from `template.yaml`.');
  });
});
