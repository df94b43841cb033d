// action.yml: the YAML parses, every expression names an input, step or output that
// exists, and the check script behaves as the action relies on (run with a stand-in `npx`
// that starts the built command line, so no registry is involved).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { buildPackage, project } from '../e2e/cli';

const REPO = path.join(__dirname, '..', '..');
const action = YAML.parse(fs.readFileSync(path.join(REPO, 'action.yml'), 'utf8'));
const steps: any[] = action.runs.steps;
const checkScript = fs.readFileSync(path.join(REPO, 'action', 'run-check.sh'), 'utf8');

/** Every `${{ ... }}` expression in a value, recursively. */
function expressions(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(/\$\{\{(.*?)\}\}/g)].map((m) => m[1].trim());
  if (Array.isArray(value)) return value.flatMap(expressions);
  if (value && typeof value === 'object') return Object.values(value).flatMap(expressions);
  return [];
}
/** Step `if:` conditions are expressions without the `${{ }}` wrapper. */
const allExpressions = [...expressions(action), ...steps.filter((s) => s.if).map((s) => String(s.if))];

describe('action.yml', () => {
  it('is a composite action whose inputs and outputs are all documented', () => {
    expect(action.runs.using).toBe('composite');
    expect(typeof action.name).toBe('string');
    expect(typeof action.description).toBe('string');
    for (const [name, input] of Object.entries<any>(action.inputs)) {
      expect({ name, description: typeof input.description }).toEqual({ name, description: 'string' });
      expect(input.description.length).toBeGreaterThan(15);
    }
    for (const [name, output] of Object.entries<any>(action.outputs)) {
      expect({ name, description: typeof output.description, value: typeof output.value }).toEqual({ name, description: 'string', value: 'string' });
    }
    for (const input of ['paths', 'transforms', 'handler', 'version', 'fail-on-change', 'upload-sarif', 'comment']) expect(action.inputs).toHaveProperty(input);
  });

  it('references only inputs that exist, steps that exist, and outputs the check writes', () => {
    const inputs = new Set(Object.keys(action.inputs));
    const stepIds = new Set(steps.map((s) => s.id).filter(Boolean));
    const written = new Set([...checkScript.matchAll(/echo "([a-z-]+)=/g)].map((m) => m[1]));
    expect([...written].sort()).toEqual(['changed', 'exit-code', 'markdown-file', 'sarif-file']);
    for (const expression of allExpressions) {
      for (const [, name] of expression.matchAll(/\binputs\.([A-Za-z0-9_-]+)/g)) expect({ expression, input: inputs.has(name) }).toEqual({ expression, input: true });
      for (const [, id, output] of expression.matchAll(/\bsteps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
        expect({ expression, step: stepIds.has(id), output: written.has(output) }).toEqual({ expression, step: true, output: true });
      }
    }
    // every input is used somewhere
    for (const name of inputs) expect(allExpressions.some((e) => new RegExp(`\\binputs\\.${name}\\b`).test(e))).toBe(true);
  });

  it('runs scripts that exist, with a shell, and gives each the variables it reads', () => {
    for (const step of steps) {
      if (step.uses) {
        expect(step.uses).toMatch(/^[\w-]+\/[\w/-]+@v\d+$/);
        continue;
      }
      expect(step.shell).toBe('bash');
      const script = String(step.run);
      const file = /"\$LCS_ACTION_PATH\/(action\/[\w-]+\.sh)"/.exec(script)?.[1];
      const text = file ? fs.readFileSync(path.join(REPO, file), 'utf8') : script;
      if (file) expect(spawnSync('bash', ['-n', path.join(REPO, file)]).status).toBe(0);
      const read = new Set([...`${script}\n${text}`.matchAll(/\$\{?(LCS_[A-Z_]+|GH_TOKEN)/g)].map((m) => m[1]));
      for (const name of read) expect({ step: step.name, name, set: name in (step.env ?? {}) }).toEqual({ step: step.name, name, set: true });
    }
    expect(steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))?.with?.sarif_file).toBe('${{ steps.check.outputs.sarif-file }}');
  });
});

describe('action/run-check.sh', () => {
  let bin: string;
  const folders: string[] = [];
  beforeAll(() => {
    const build = buildPackage();
    bin = build.bin;
    folders.push(build.dir);
  });
  afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  /** Runs the check step as the runner would, with `npx` standing for the built CLI. */
  function runCheck(files: Record<string, string>, env: Record<string, string> = {}) {
    const dir = project(files);
    folders.push(dir);
    const tools = path.join(dir, '.tools');
    fs.mkdirSync(tools);
    fs.writeFileSync(
      path.join(tools, 'npx'),
      '#!/bin/sh\n# npx --yes PACKAGE ARGS...: log the call, then run the built command line\n' +
        'printf "[%s]" "$@" >> "$NPX_LOG"\necho >> "$NPX_LOG"\n[ -n "$NPX_FAILS" ] && exit 1\nshift 2\nexec node "$LCS_TEST_BIN" "$@"\n',
      { mode: 0o755 },
    );
    const outputFile = path.join(dir, '.github-output');
    const summaryFile = path.join(dir, '.step-summary');
    const npxLog = path.join(dir, '.npx-log');
    const run = spawnSync('bash', [path.join(REPO, 'action', 'run-check.sh')], {
      cwd: dir,
      encoding: 'utf8',
      env: {
        PATH: `${tools}:${process.env.PATH}`,
        HOME: process.env.HOME,
        LCS_TEST_BIN: bin,
        NPX_LOG: npxLog,
        LCS_PATHS: 'src',
        LCS_ACTION_PATH: REPO,
        LCS_REPORT_DIR: path.join(dir, '.reports'),
        GITHUB_OUTPUT: outputFile,
        GITHUB_STEP_SUMMARY: summaryFile,
        ...env,
      },
    });
    const outputs = Object.fromEntries(fs.readFileSync(outputFile, 'utf8').trim().split('\n').map((line) => line.split(/=(.*)/s).slice(0, 2)));
    const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
    return { run, outputs, summary: read(summaryFile), calls: read(npxLog).trim().split('\n'), dir };
  }

  const LEAKY = { 'src/handler.js': "const seen = [];\nexports.handler = async (event) => {\n  seen.push(event.id);\n  return seen.length;\n};\n" };

  it('records exit code 1, writes both reports and the job summary, and exits 0 itself when code would change', () => {
    const { run, outputs, summary, calls } = runCheck(LEAKY);
    expect(run.status).toBe(0);
    expect(outputs['exit-code']).toBe('1');
    expect(outputs.changed).toBe('true');
    const sarif = JSON.parse(fs.readFileSync(outputs['sarif-file'], 'utf8'));
    expect(sarif.runs[0].results.length).toBeGreaterThan(0);
    expect(fs.readFileSync(outputs['markdown-file'], 'utf8')).toMatch(/^## ⚠️ lambda-clean-slate: 1 file would change/);
    expect(summary).toMatch(/^## ⚠️ lambda-clean-slate: 1 file would change/);
    // the action's own release version when `version` is empty
    const version = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).version;
    expect(calls[0].startsWith(`[--yes][lambda-clean-slate@${version}][migrate][src][--check][--format][sarif][--output]`)).toBe(true);
  });

  it('records changed=true beside exit code 2 when code would change and a file could not be read', () => {
    const { outputs } = runCheck({ ...LEAKY, 'src/blob.js': 'exports.x = 1;\u0000\n' });
    expect(outputs).toMatchObject({ 'exit-code': '2', changed: 'true' });
  });

  it('records exit code 0 on clean code', () => {
    const { outputs } = runCheck({ 'src/add.js': 'exports.add = (a, b) => a + b;\n' });
    expect(outputs).toMatchObject({ 'exit-code': '0', changed: 'false' });
  });

  it('passes version, paths, transforms, handlers and ignore patterns through as single arguments', () => {
    const { calls } = runCheck(LEAKY, {
      LCS_VERSION: '^0.1',
      LCS_PATHS: 'src\n  lib',
      LCS_TRANSFORMS: 'globals,tmp',
      LCS_HANDLER: 'main, handler',
      LCS_IGNORE: '**/*.test.js\n\ngenerated/*\n-draft/**',
    });
    // `--ignore=PATTERN`: a pattern that begins with a dash is not read as an option
    expect(calls[0].split('[--output]')[0]).toBe(
      '[--yes][lambda-clean-slate@^0.1][migrate][src][lib][--transforms][globals,tmp][--handler][main][--handler][handler][--ignore=**/*.test.js][--ignore=generated/*][--ignore=-draft/**][--check][--format][sarif]',
    );
  });

  it('records exit code 2 and an error annotation when the tool cannot be run', () => {
    const { run, outputs } = runCheck(LEAKY, { NPX_FAILS: '1' });
    expect(run.status).toBe(0);
    expect(outputs).toMatchObject({ 'exit-code': '2', 'sarif-file': '', 'markdown-file': '' });
    expect(run.stdout).toContain('::error title=lambda-clean-slate::the check did not run');
  });
});
