// `lambda-clean-slate migrate` end to end, one block per numbered point of issue 2. The
// generated code belongs to the transforms (and their fixtures); here the checks are
// structural: which files change, what the report and exit code say, what lands on disk.
import fs from 'node:fs';
import path from 'node:path';
import { buildPackage, git, project, runCli, snapshot } from './cli';

let bin: string;
const folders: string[] = [];
beforeAll(() => {
  const build = buildPackage();
  bin = build.bin;
  folders.push(build.dir);
});
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function make(files: Record<string, string | Buffer>, options?: { git?: boolean }): string {
  const dir = project(files, options);
  folders.push(dir);
  return dir;
}
const migrate = (cwd: string, ...args: string[]) => runCli(bin, ['migrate', ...args], cwd);
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

/** A small service as a user might have it: CommonJS, ESM and TypeScript handlers, a SAM
 * template that names one handler `processOrder`, a helper module and a test. */
const SERVICE = {
  'template.yaml': [
    'Transform: AWS::Serverless-2016-10-31',
    'Globals:',
    '  Function:',
    '    Runtime: nodejs20.x',
    '    CodeUri: src/',
    '    Handler: index.handler',
    '    Environment:',
    '      Variables:',
    '        TABLE: !Ref Table',
    'Resources:',
    '  Index:',
    '    Type: AWS::Serverless::Function',
    '  Orders:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: orders.processOrder',
    '  Report:',
    '    Type: AWS::Serverless::Function',
    '    Properties:',
    '      Handler: report.handler',
    '  Table:',
    '    Type: AWS::DynamoDB::Table',
    '',
  ].join('\n'),
  'src/index.js': "exports.handler = async (event, context) => {\n  return { statusCode: 200 };\n};\n",
  'src/orders.mjs': "export async function processOrder(event) {\n  return { id: event.id };\n}\n",
  'src/report.ts': "import type { Handler } from 'aws-lambda';\n\nexport const handler: Handler = async (event) => {\n  return { ok: true };\n};\n",
  'src/util.js': "exports.handler = async (event) => 'a helper, not named by the template';\n",
};

describe('1. a dry run prints a diff and a summary and changes nothing', () => {
  it('shows every handler module that would change, then the summary', () => {
    const dir = make(SERVICE);
    const before = snapshot(dir);
    const run = migrate(dir, '.');
    expect(run.status).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    for (const file of ['src/index.js', 'src/orders.mjs', 'src/report.ts']) expect(run.stdout).toContain(`+++ b/${file}\n`);
    expect(run.stdout).not.toContain('src/util.js');
    expect(run.stdout).toContain('containerId');
    expect(run.stdout).toMatch(/files scanned: +4\n/);
    expect(run.stdout).toMatch(/handler modules found: +3\n/);
    expect(run.stdout).toMatch(/files that would change: +3\n/);
    expect(run.stdout).toMatch(/changes per transform: +container-id \d+/);
    expect(run.stdout).toMatch(/errors: +0\n/);
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stderr).toBe('');
  });

  it('colours the diff when asked, and never when NO_COLOR is set', () => {
    const dir = make(SERVICE);
    expect(migrate(dir, '--color').stdout).toContain('\x1b[32m+');
    expect(runCli(bin, ['migrate'], dir, { NO_COLOR: '1' }).stdout).not.toContain('\x1b[');
  });

  it('writes the report to --output and nothing to stdout', () => {
    const dir = make(SERVICE);
    const run = migrate(dir, '--format', 'summary', '--output', 'report.txt');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(read(dir, 'report.txt')).toMatch(/files that would change: +3/);
  });
});

describe('2. --write, --check, --format patch and --format summary', () => {
  it('--check exits 1 while something would change, --write applies, then --check exits 0 and a second --write changes nothing', () => {
    const dir = make(SERVICE);
    // the issue 2 transform alone: idempotence of the whole set is each transform's own fixture test
    const only = ['--transforms', 'container-id'];
    const before = snapshot(dir);
    const check = migrate(dir, '--check', '--format', 'summary', ...only);
    expect(check.status).toBe(1);
    expect(snapshot(dir)).toEqual(before);

    const write = migrate(dir, '--write', ...only);
    expect(write.status).toBe(0);
    expect(write.stderr).toBe('lambda-clean-slate: wrote 3 files\n');
    expect(read(dir, 'src/index.js')).toContain('containerId');
    expect(read(dir, 'src/util.js')).toBe(SERVICE['src/util.js']);

    expect(migrate(dir, '--check', ...only).status).toBe(0);
    const after = snapshot(dir);
    const again = migrate(dir, '--write', ...only);
    expect(again.stderr).toBe('lambda-clean-slate: nothing to write\n');
    expect(snapshot(dir)).toEqual(after);
  });

  it('--format patch applies with git apply from the repository root and gives byte for byte what --write gives', () => {
    const files = {
      ...SERVICE,
      'src/crlf.js': 'exports.handler = async (event, context) => {\r\n  return 1;\r\n};\r\n',
      'src/bom.mjs': '\uFEFFexport const handler = async (event) => {\n  return 1;\n};\n',
      'src/shebang.js': '#!/usr/bin/env node\nexports.handler = async (event) => {\n  return 1;\n};\n',
      'src/no-newline.js': 'exports.handler = async (event) => {\n  return 1;\n};',
    };
    // no manifest here, so that every file's `handler` counts
    delete (files as Record<string, string>)['template.yaml'];
    const patched = make(files, { git: true });
    const written = make(files, { git: true });
    fs.chmodSync(path.join(patched, 'src/shebang.js'), 0o755);
    fs.chmodSync(path.join(written, 'src/shebang.js'), 0o755);
    git(patched, 'commit', '-qam', 'mode');
    git(written, 'commit', '-qam', 'mode');

    // run from a subfolder: the patch is still relative to the repository root
    const patch = migrate(path.join(patched, 'src'), '.', '--format', 'patch');
    expect(patch.status).toBe(0);
    expect(patch.stdout).toContain('diff --git a/src/crlf.js b/src/crlf.js\n');
    fs.writeFileSync(path.join(patched, '..', `${path.basename(patched)}.patch`), patch.stdout);
    git(patched, 'apply', path.join('..', `${path.basename(patched)}.patch`));
    fs.rmSync(path.join(patched, '..', `${path.basename(patched)}.patch`));

    expect(migrate(written, '--write').status).toBe(0);
    expect(snapshot(patched)).toEqual(snapshot(written));
    expect(read(written, 'src/crlf.js')).not.toMatch(/[^\r]\n/);
    expect(read(written, 'src/bom.mjs')).toMatch(/^\uFEFF[^\uFEFF]/);
    expect(read(written, 'src/shebang.js').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(read(written, 'src/no-newline.js').endsWith('\n')).toBe(false);
    expect(snapshot(written)['src/shebang.js'].endsWith(' 755')).toBe(true);
  });

  it('--format summary prints the summary alone', () => {
    const run = migrate(make(SERVICE), '--format', 'summary');
    expect(run.stdout).not.toContain('+++');
    expect(run.stdout).toMatch(/^lambda-clean-slate migrate\n {2}files scanned/);
  });
});

describe('3. --transforms, --handler, --ignore, --force, .gitignore, node_modules, exit codes', () => {
  it('--transforms runs only the named transforms and rejects unknown names with exit 2', () => {
    const dir = make(SERVICE);
    expect(migrate(dir, '--transforms', 'container-id').stdout).toContain('containerId');
    const clientsOnly = migrate(dir, '--transforms', 'clients', '--format', 'summary');
    expect(clientsOnly.status).toBe(0);
    expect(clientsOnly.stdout).toMatch(/files that would change: +0/);
    const unknown = migrate(dir, '--transforms', 'containers');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toBe('lambda-clean-slate: unknown transform: containers (choose from globals, tmp, clients, container-id)\n');
  });

  it('--handler names the export to migrate, instead of manifests and the default rule', () => {
    const dir = make({ 'main.js': 'exports.main = async (req) => 1;\n' });
    expect(migrate(dir, '--check').status).toBe(0);
    const run = migrate(dir, '--check', '--handler', 'main');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('+++ b/main.js');
  });

  it('--ignore, .gitignore and node_modules keep files out of the run', () => {
    const handler = 'exports.handler = async (event) => 1;\n';
    const dir = make({ '.gitignore': 'generated/\n', 'generated/a.js': handler, 'legacy/b.js': handler, 'node_modules/dep/index.js': handler, 'app.js': handler }, { git: true });
    const run = migrate(dir, '--ignore', 'legacy/', '--format', 'summary');
    expect(run.stdout).toMatch(/files scanned: +1\n/);
    expect(run.stdout).toMatch(/files that would change: +1\n/);
  });

  it('--write refuses when files it would touch have uncommitted changes, naming them, unless --force', () => {
    const dir = make(SERVICE, { git: true });
    fs.appendFileSync(path.join(dir, 'src/index.js'), '// work in progress\n');
    const before = snapshot(dir);
    const refused = migrate(dir, '--write');
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('uncommitted changes');
    expect(refused.stderr).toContain('  src/index.js\n');
    expect(refused.stdout).toBe('');
    expect(snapshot(dir)).toEqual(before);
    expect(migrate(dir, '--write', '--force').status).toBe(0);
    expect(read(dir, 'src/orders.mjs')).toContain('containerId');
  });

  it('a path that does not exist is a usage error naming it; beside paths that exist, the run goes on and exits 2', () => {
    const dir = make(SERVICE);
    const alone = migrate(dir, 'nope');
    expect(alone.status).toBe(2);
    expect(alone.stderr).toBe('lambda-clean-slate: path does not exist: nope\n');
    const beside = migrate(dir, 'src', 'nope', '--format', 'summary');
    expect(beside.status).toBe(2);
    expect(beside.stdout).toMatch(/Not processed:\n {2}nope {2}does not exist\n/);
    expect(beside.stdout).toMatch(/handler modules found: +[1-9]/);
  });
});

describe('6. a file that does not parse', () => {
  it('is named as file:line:col and left untouched; the others are processed; exit 2', () => {
    const dir = make({ ...SERVICE, 'src/index.js': 'exports.handler = async (event) => {\n  const x = ;\n};\n' });
    const run = migrate(dir, '--write');
    expect(run.status).toBe(2);
    expect(run.stdout).toMatch(/src\/index\.js:2:13 /);
    expect(read(dir, 'src/index.js')).toBe('exports.handler = async (event) => {\n  const x = ;\n};\n');
    expect(read(dir, 'src/orders.mjs')).toContain('containerId');
  });

  it('is named on stderr with --format patch, which has no place for it', () => {
    const dir = make({ ...SERVICE, 'src/index.js': 'exports.handler = async (event) => {\n  const x = ;\n};\n' });
    const run = migrate(dir, '--format', 'patch');
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/src\/index\.js:2:13 {2}Unexpected token/);
    expect(run.stdout).toMatch(/^diff --git a\/src\/orders\.mjs/m);
  });
});

describe('review items after --write', () => {
  it('say their positions are those of the files before the run changed them', () => {
    const dir = make({ 'src/h.js': 'let config;\nexports.handler = async (event) => {\n  if (!config) config = await load();\n  return config;\n};\nasync function load() { return {}; }\n' });
    const dry = migrate(dir, 'src', '--format', 'summary');
    expect(dry.stdout).toMatch(/^For review:$/m);
    const written = migrate(dir, 'src', '--write', '--force', '--format', 'summary');
    expect(written.status).toBe(0);
    expect(written.stdout).toMatch(/^For review \(lines of the files before this run changed them\):$/m);
    expect(written.stdout).toContain('src/h.js:1:5  globals: `config` is a lazy cache');
  });
});

describe('handler strings that name a built file', () => {
  const LEAKY_TS = 'let n = 0;\nexport const handler = async (event: unknown) => ++n;\n';
  const LEAKY_JS = 'let n = 0;\nexports.handler = async (event) => ++n;\n';

  it('migrate the source an extended tsconfig maps them to, never the built file', () => {
    const dir = make({
      'node_modules/@acme/tsconfig/package.json': '{ "name": "@acme/tsconfig", "exports": { "./node20.json": "./node20.json" } }',
      'node_modules/@acme/tsconfig/node20.json': '{\n  // shared by every service\n  "compilerOptions": { "outDir": "${configDir}/dist", "rootDir": "${configDir}/src", },\n}\n',
      'svc/tsconfig.json': '{ "extends": ["@acme/tsconfig/node20.json"], "include": ["src"] }',
      'svc/serverless.yml': 'service: ext\nfunctions:\n  a:\n    handler: dist/app.handler\n',
      'svc/src/app.ts': LEAKY_TS,
      'svc/dist/app.js': LEAKY_JS,
    });
    const run = migrate(dir, '--format', 'patch');
    expect(run.status).toBe(0);
    expect(run.stdout.match(/^\+\+\+ .*$/gm)).toEqual(['+++ b/svc/src/app.ts']);
  });

  it('leave the built file alone and say why when the tsconfig does not map it to its source', () => {
    // tsc writes this project to ../dist: a relative outDir in a base is relative to the base
    const dir = make({
      'tsconfig.base.json': '{ "compilerOptions": { "outDir": "dist", "rootDir": "src", "strict": true } }',
      'svc/tsconfig.json': '{ "extends": "../tsconfig.base.json", "include": ["src"] }',
      'svc/serverless.yml': 'service: ext\nfunctions:\n  a:\n    handler: dist/app.handler\n',
      'svc/src/app.ts': LEAKY_TS,
      'svc/dist/app.js': LEAKY_JS,
    });
    const run = migrate(dir, '--format', 'summary');
    expect(run.stdout).toMatch(/files that would change: +0/);
    expect(run.stdout).toContain('svc/serverless.yml: functions.a: handler "dist/app.handler" names svc/dist/app.js, which looks built from svc/src/app.ts, but svc/tsconfig.json does not map it there');
    expect(migrate(dir, '--format', 'patch').stdout).toBe('');
  });
});

describe('serverless.yml functions defined through ${file()}', () => {
  const LEAKY = 'const seen = [];\nexports.main = async (event) => { seen.push(event.id); return seen.length; };\n';

  it('are followed: their handler modules are migrated', () => {
    const dir = make({
      'serverless.yml': 'service: s\nfunctions:\n  create:\n    handler: src/create.main\n  remove: ${file(./fn-remove.yml)}\n',
      'fn-remove.yml': 'handler: src/remove.main\n',
      'src/create.js': LEAKY,
      'src/remove.js': LEAKY,
    });
    const run = migrate(dir, '--format', 'patch');
    expect(run.stdout.match(/^\+\+\+ .*$/gm)).toEqual(['+++ b/src/create.js', '+++ b/src/remove.js']);
  });

  it('are named in a note when they cannot be followed', () => {
    const dir = make({
      'serverless.yml': 'service: s\nfunctions:\n  create:\n    handler: src/create.main\n  remove: ${file(./fn-remove.js)}\n',
      'fn-remove.js': 'module.exports = { handler: "src/remove.main" };\n',
      'src/create.js': LEAKY,
      'src/remove.js': LEAKY,
    });
    const run = migrate(dir, '--format', 'summary');
    expect(run.stdout).toContain('serverless.yml: functions.remove: "${file(./fn-remove.js)}" includes fn-remove.js, which this tool does not read (only .yml, .yaml and .json); name its handler with --handler');
  });
});
