// The command line itself: version, help, errors, pipes, and what `--version` loads.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { buildPackage, project, runCli } from './cli';

let bin: string;
const folders: string[] = [];
beforeAll(() => {
  const build = buildPackage();
  bin = build.bin;
  folders.push(build.dir);
});
afterAll(() => folders.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function make(files: Record<string, string>): string {
  const dir = project(files);
  folders.push(dir);
  return dir;
}

describe('migrate --output and --handler', () => {
  const LEAKY = 'let n = 0;\nexports.handler = async (event) => ++n;\nexports.generate = async (e) => ++n;\n';

  it('stops before writing anything when the report cannot be written', () => {
    const dir = make({ 'src/l.js': LEAKY });
    const run = runCli(bin, ['migrate', 'src', '--write', '--force', '--output', 'no/such/dir/report.md'], dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--output no/such/dir/report.md: cannot be written (ENOENT)');
    expect(fs.readFileSync(path.join(dir, 'src/l.js'), 'utf8')).toBe(LEAKY);
  });

  it('never writes the report over source code, and takes no empty handler name', () => {
    const dir = make({ 'src/l.js': LEAKY });
    const over = runCli(bin, ['migrate', 'src/l.js', '--check', '--output', 'src/l.js'], dir);
    expect(over.status).toBe(2);
    expect(over.stderr).toContain('--output src/l.js: is a JavaScript or TypeScript file');
    expect(fs.readFileSync(path.join(dir, 'src/l.js'), 'utf8')).toBe(LEAKY);
    const empty = runCli(bin, ['migrate', 'src', '--handler', ','], dir);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toContain('--handler takes export names');
  });

  it('never writes the report over a file the run reads: a manifest, a tsconfig, package.json', () => {
    const inputs: Record<string, string> = {
      'serverless.yml': 'service: s\nfunctions:\n  a:\n    handler: src/l.handler\n',
      'template.yaml': 'Resources: {}\n',
      'tsconfig.json': '{ "compilerOptions": { "outDir": "dist" } }\n',
      'tsconfig.base.json': '{}\n',
      'package.json': '{ "name": "p" }\n',
      '.gitignore': 'dist/\n',
    };
    const dir = make({ 'src/l.js': LEAKY, ...inputs });
    fs.symlinkSync('serverless.yml', path.join(dir, 'report-link.md'));
    for (const output of [...Object.keys(inputs), 'report-link.md']) {
      const run = runCli(bin, ['migrate', '.', '--write', '--format', 'summary', '--output', output], dir);
      expect({ output, status: run.status, stdout: run.stdout }).toEqual({ output, status: 2, stdout: '' });
      expect(run.stderr).toMatch(new RegExp(`^lambda-clean-slate: --output ${output.replace('.', '\\.')}: would overwrite (a deployment manifest|a TypeScript configuration|a package manifest|a \\.gitignore), an input of the run; write the report to a file of its own`));
    }
    for (const [name, text] of Object.entries(inputs)) expect(fs.readFileSync(path.join(dir, name), 'utf8')).toBe(text);
    expect(fs.readFileSync(path.join(dir, 'src/l.js'), 'utf8')).toBe(LEAKY);
    // a report of its own is written again and again
    for (let i = 0; i < 2; i++) {
      const run = runCli(bin, ['migrate', '.', '--format', 'markdown', '--output', 'report.md'], dir);
      expect(run.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'report.md'), 'utf8')).toContain('lambda-clean-slate');
    }
  });

  it('takes handler names separated by commas', () => {
    const dir = make({ 'src/l.js': LEAKY });
    const run = runCli(bin, ['migrate', 'src', '--handler', 'handler,generate', '--format', 'json'], dir);
    expect(JSON.parse(run.stdout).files[0].handlers).toEqual(['handler', 'generate']);
  });
});

describe('options that take a list, one value per occurrence', () => {
  const LEAKY = 'let n = 0;\nexports.handler = async (event) => ++n;\n';

  // an array option that took every word after it would take `orders` for one more value and run on `.`
  it.each([
    ['--ignore', 'orders/vendor/**'],
    ['--handler', 'handler'],
    ['--transforms', 'globals'],
  ])('%s VALUE PATH runs on PATH alone', (option, value) => {
    const dir = project({ 'orders/h.js': LEAKY, 'users/h.js': LEAKY }, { git: true });
    folders.push(dir);
    const run = runCli(bin, ['migrate', option, value, 'orders', '--write', '--format', 'summary'], dir);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe('lambda-clean-slate: wrote 1 file\n');
    expect(fs.readFileSync(path.join(dir, 'orders/h.js'), 'utf8')).not.toBe(LEAKY);
    expect(fs.readFileSync(path.join(dir, 'users/h.js'), 'utf8')).toBe(LEAKY);
  });

  it('repeated, with commas or `=`, the values add up', () => {
    const dir = make({ 'src/a.js': 'exports.one = async (e) => 1;\nexports.two = async (e) => 2;\n', 'src/vendor/v.js': LEAKY, 'src/gen/g.js': LEAKY });
    const run = runCli(bin, ['migrate', '--handler', 'one', '--handler=two', '--ignore', 'src/vendor/**', '--ignore=src/gen/**', '--transforms', 'globals', '--transforms', 'container-id', 'src', '--format', 'json'], dir);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.transforms).toEqual(['globals', 'container-id']);
    expect(report.files.map((f: { path: string; handlers: string[] }) => [f.path, f.handlers])).toEqual([['src/a.js', ['one', 'two']]]);
  });

  it('an option left without its value is a usage error', () => {
    const dir = make({ 'src/l.js': LEAKY });
    for (const option of ['--ignore', '--handler', '--transforms', '--output', '--format', '--shard', '--workers', '--cache-ttl']) {
      const run = runCli(bin, ['migrate', 'src', option], dir);
      expect({ option, status: run.status, stderr: run.stderr }).toEqual({ option, status: 2, stderr: `lambda-clean-slate: Not enough arguments following: ${option.slice(2)}\n` });
    }
  });

  it('paths after `--` are paths (one that begins with a dash too), added to those before it', () => {
    const dir = make({ 'orders/h.js': LEAKY, 'other/o.js': LEAKY, '-dash/h.js': LEAKY });
    const files = (...args: string[]) => JSON.parse(runCli(bin, ['migrate', '--format', 'json', ...args], dir).stdout).files.map((f: { path: string }) => f.path);
    expect(files('--', 'orders')).toEqual(['orders/h.js']);
    expect(files('orders', '--', 'other')).toEqual(['orders/h.js', 'other/o.js']);
    expect(files('--', '-dash')).toEqual(['-dash/h.js']);
  });

  it('simulate --event FILE HANDLER_FILE: the handler file is not taken for an event', () => {
    const dir = make({ 'h.js': LEAKY, 'e.json': '{}' });
    const run = runCli(bin, ['simulate', '--event', 'e.json', '--event', 'e.json', 'h.js'], dir);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('simulate h.js, export `handler` (CommonJS): 2 invocations');
  });
});

describe('lambda-clean-slate', () => {
  it('--version prints the package version without loading jscodeshift, the transforms or the engine', () => {
    const dir = make({});
    // a preload that lists every module the process requires
    fs.writeFileSync(
      path.join(dir, 'trace.js'),
      "const Module = require('module'); const load = Module._load; const seen = [];\n" +
        'Module._load = function (request, ...rest) { seen.push(request); return load.call(this, request, ...rest); };\n' +
        "process.on('exit', () => require('fs').writeFileSync(__dirname + '/loaded.json', JSON.stringify(seen)));\n",
    );
    const result = spawnSync(process.execPath, ['-r', path.join(dir, 'trace.js'), bin, '--version'], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout).toBe(`${JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version}\n`);
    const loaded: string[] = JSON.parse(fs.readFileSync(path.join(dir, 'loaded.json'), 'utf8'));
    expect(loaded.filter((m) => /jscodeshift|recast|@babel|transforms|engine\/migrate|^diff$|^yaml$/.test(m))).toEqual([]);
  });

  it('--help lists the commands, and migrate --help the options with examples', () => {
    const dir = make({});
    const top = runCli(bin, ['--help'], dir);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain('lambda-clean-slate migrate [paths..]');
    const help = runCli(bin, ['migrate', '--help'], dir);
    for (const option of ['--write', '--check', '--format', '--output', '--transforms', '--handler', '--ignore', '--force', '--cache-ttl', '--client-check', 'Examples:']) {
      expect(help.stdout).toContain(option);
    }
  });

  it('migrate --help says what --client-check ping does, and the CLI passes it to the clients transform', () => {
    const dir = make({
      'handler.js': "const { Pool } = require('pg');\nconst pool = new Pool();\nexports.handler = async (event) => (await pool.query('SELECT $1::text AS id', [event.id])).rows;\n",
    });
    const help = runCli(bin, ['migrate', '--help'], dir).stdout;
    const line = help.split('\n').find((l) => l.trim().startsWith('--client-check'));
    expect(line).toContain('`ping` also sends a ping (pg, mysql2, ioredis)');
    const local = runCli(bin, ['migrate', '--format', 'patch'], dir);
    const ping = runCli(bin, ['migrate', '--format', 'patch', '--client-check', 'ping'], dir);
    expect([local.status, ping.status]).toEqual([0, 0]);
    expect(local.stdout).toContain('+  if (pool.ending) {');
    expect(local.stdout).not.toContain('answersPing');
    expect(ping.stdout).toContain("+  if (pool.ending || (pool.idleCount > 0 && !(await answersPing(pool, (pool) => pool.query('SELECT 1'))))) {");
    expect(ping.stdout).toContain('+async function answersPing(client, ping) {');
  });

  it('usage errors are one line on stderr with exit 2, no stack trace', () => {
    const dir = make({});
    for (const args of [['migrate', '--frobnicate'], ['migrate', '--format', 'xml'], ['migrate', '--write', '--check'], ['migrate', '--cache-ttl', '-5'], []]) {
      const run = runCli(bin, args, dir);
      expect({ args, status: run.status }).toEqual({ args, status: 2 });
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^lambda-clean-slate: .+\n$/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('stops quietly when the reader of its output goes away (| head)', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++) files[`src/h${String(i).padStart(3, '0')}.js`] = `exports.handler = async (event, context) => {\n  return ${i};\n};\n`;
    const dir = make(files);
    const result = spawnSync('sh', ['-c', `"${process.execPath}" "${bin}" migrate --transforms container-id | head -n 3`], { cwd: dir, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(result.stdout.split('\n')).toHaveLength(4);
    expect(result.stderr).toBe('');
  });
});
