// `lambda-clean-slate simulate` through the built bin (`npm run build` first; `npm test`
// does): exit 0 when warm and cold agree, 1 on a leak, 2 when the handler cannot run (or never succeeds).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'dist', 'bin', 'lambda-clean-slate.js');
const fixture = (name: string) => path.relative(ROOT, path.join(__dirname, 'fixtures', name));

function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, 'simulate', ...args], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${path.relative(ROOT, BIN)} is missing: run npm run build first`);
});

describe('simulate on the command line', () => {
  it('exit 1 and the differing invocations marked when the handler leaks', () => {
    const run = cli(fixture('counter.cjs'));
    expect(run.status).toBe(1);
    expect(run.stdout).toContain(`simulate ${fixture('counter.cjs')}, export \`handler\` (CommonJS): 3 invocations, warm and cold`);
    const rows = run.stdout.split('\n').filter((line) => /^ {2}\d/.test(line));
    expect(rows).toHaveLength(3);
    expect(rows[0]).not.toContain('<- differs');
    expect(rows[1]).toMatch(/\{"count":2,"name":null\}\s+\{"count":1,"name":null\}\s+<- differs$/);
    expect(run.stdout).toMatch(/LEAK: 2 of 3 warm invocations differ from a cold start/);
    expect(run.stderr).toBe('');
  });

  it('exit 2 with a usage message when --handler is given more than once', () => {
    const run = cli(fixture('counter.cjs'), '--handler', 'handler', '--handler', 'other');
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('simulate runs one handler at a time; --handler was given 2 times (handler, other)');
  });

  it('exit 0 when warm and cold agree', () => {
    const run = cli(fixture('counter-clean.cjs'), '--invocations', '2');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CLEAN: all 2 warm invocations behave like cold starts.');
  });

  it('exit 0 with one invocation, said in the singular', () => {
    const run = cli(fixture('counter-clean.cjs'), '--invocations', '1');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('CLEAN: the warm invocation behaves like a cold start.');
  });

  it('exit 2 with a usage message for a directory: simulate takes one handler file', () => {
    const run = cli(path.join('__tests__', 'simulate', 'fixtures'));
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(
      `lambda-clean-slate: simulate takes one handler file, and __tests__/simulate/fixtures is a directory: name the module in it (e.g. __tests__/simulate/fixtures/index.js)\n`,
    );
  });

  it('exit 2 when --invocations is given with --event, which it would not apply to', () => {
    const dir = fs.mkdtempSync('/tmp/lcs-simulate-cli-');
    fs.writeFileSync(path.join(dir, 'e.json'), '{}');
    const run = cli(fixture('counter.cjs'), '--event', path.join(dir, 'e.json'), '--invocations', '5');
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--invocations goes without --event');
  });

  it('events from files, named in the table', () => {
    const dir = fs.mkdtempSync('/tmp/lcs-simulate-cli-');
    fs.writeFileSync(path.join(dir, 'first.json'), '{ "item": "x" }');
    fs.writeFileSync(path.join(dir, 'second.json'), '{ "item": "y" }');
    const run = cli(fixture('esm-syntax.js'), '--event', path.join(dir, 'first.json'), '--event', path.join(dir, 'second.json'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^ {2}2 {2}second\.json\s+\["x","y"\]\s+\["y"\]\s+<- differs$/m);
  });

  it("keeps the handler's console output out of the report unless --verbose", () => {
    const quiet = cli(fixture('throws.js'), '--invocations', '1');
    expect(quiet.status).toBe(2);
    expect(quiet.stdout).toContain('throws TypeError: cannot handle this');
    expect(quiet.stdout + quiet.stderr).not.toContain('about to fail');
    const verbose = cli(fixture('throws.js'), '--invocations', '1', '--verbose');
    expect(verbose.stdout).toContain('--- output of invocation 1, warm ---\n  about to fail');
    expect(verbose.stdout).toContain('--- stack of invocation 1, warm ---');
  });

  it('exit 2 with the reason in one line when the module cannot load, the stack only with --verbose', () => {
    const run = cli(fixture('fails-to-load.js'));
    expect(run.status).toBe(2);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(`FAILED: cannot load ${fixture('fails-to-load.js')}: SyntaxError: Unexpected token 'o', "not json" is not valid JSON`);
    expect(run.stdout).not.toContain('    at ');
    const verbose = cli(fixture('fails-to-load.js'), '--verbose');
    expect(verbose.status).toBe(2);
    expect(verbose.stdout).toContain('    at ');
  });

  it('exit 2 when every invocation fails, warm and cold alike: the handler was never run to the end', () => {
    // the new user's case: a handler that needs `event.ids`, simulated with empty events
    const run = cli(fixture('harness/seen-reset.input.ts'), '--invocations', '2');
    expect(run.status).toBe(2);
    expect(run.stdout).not.toContain('CLEAN');
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(
      /^FAILED: every invocation failed: TypeError: Cannot read properties of undefined \(reading 'map'\); warm and cold agree, but the handler never succeeded$/,
    );
  });

  it('exit 2 when every invocation fails, even when warm and cold fail differently (README: "no invocation succeeded at all")', () => {
    const run = cli(fixture('throws-counting.js'), '--invocations', '2');
    expect(run.status).toBe(2);
    expect(run.stdout).not.toContain('LEAK');
    expect(run.stdout).not.toContain('<- differs');
    expect(run.stdout.trim().split('\n').at(-1)).toMatch(/^FAILED: every invocation failed: RangeError: call 1 of this environment .*no invocation succeeded/);
    // a handler that ends its process: the warm environment cannot run the later events
    const exits = cli(fixture('exits.js'), '--invocations', '2');
    expect(exits.status).toBe(2);
    expect(exits.stdout.trim().split('\n').at(-1)).toBe(
      "FAILED: every invocation failed: Runtime.ExitError: the handler's process exited with code 3; the warm environment could not run 1 of them (the handler's process exited with code 3); no invocation succeeded, so this says little about leaks: give it events it can handle",
    );
  });

  it('exit 2 when the handler never settles, stopped after --timeout', () => {
    const run = cli(fixture('never-settles.js'), '--timeout', '200', '--invocations', '1');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('FAILED: invocation 1 did not complete even on a cold start: it did not settle within 200 ms');
    // the rows it could not run are not marked as a leak
    const three = cli(fixture('never-settles.js'), '--timeout', '200', '--invocations', '3');
    expect(three.status).toBe(2);
    expect(three.stdout).not.toContain('<- differs');
  });

  it('runs the handler a template.yaml names for the file, as migrate does', () => {
    const os = require('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-simulate-sam-'));
    try {
      fs.mkdirSync(path.join(dir, 'functions', 'orders'), { recursive: true });
      fs.writeFileSync(path.join(dir, 'template.yaml'), 'Resources:\n  Orders:\n    Type: AWS::Serverless::Function\n    Properties:\n      CodeUri: functions/orders/\n      Handler: app.processOrder\n      Runtime: nodejs20.x\n');
      fs.writeFileSync(path.join(dir, 'functions', 'orders', 'app.js'), "const orders = [];\nexports.handler = async () => 'not this one';\nexports.processOrder = async (event) => { orders.push(1); return orders.length; };\n");
      // run from the project's root, as a user would
      const run = spawnSync(process.execPath, [BIN, 'simulate', 'functions/orders/app.js', '--invocations', '2'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      expect(run.stdout).toContain('export `processOrder`');
      expect(run.status).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a manifest naming `legacy.default` for module.exports = fn: exit 2, saying Lambda would not find it either', () => {
    const os = require('node:os');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-simulate-default-'));
    try {
      fs.mkdirSync(path.join(dir, 'src'));
      fs.writeFileSync(path.join(dir, 'serverless.yml'), 'service: s\nfunctions:\n  legacy:\n    handler: src/legacy.default\n');
      fs.writeFileSync(path.join(dir, 'src', 'legacy.js'), 'const history = [];\nmodule.exports = async function (event) { history.push(event); return history.length; };\n');
      const run = spawnSync(process.execPath, [BIN, 'simulate', 'src/legacy.js'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
      expect(run.status).toBe(2);
      expect(run.stdout).toContain('export `default`');
      expect(run.stdout).not.toContain('exports: none');
      expect(run.stdout).toContain(
        // found out by loading the module (a function's properties are not settled by its source)
        "FAILED: cannot load src/legacy.js: TypeError: module.exports is a function (module.exports = fn), with no property `default` (its properties: none): Lambda's Node runtime require()s a CommonJS module and looks the handler up as a property of module.exports, so the handler string `legacy.default` would not find it either (Runtime.HandlerNotFound)",
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exit 2 for several handlers without --handler, and for a missing event file', () => {
    const several = cli(fixture('two-handlers.js'));
    expect(several.status).toBe(2);
    expect(several.stdout).toContain('FAILED: several handlers are exported (create, remove); choose one with --handler');
    expect(cli(fixture('two-handlers.js'), '--handler', 'remove', '--invocations', '1').status).toBe(0);
    const missing = cli(fixture('counter.cjs'), '--event', 'no-such-event.json');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('lambda-clean-slate: cannot read the event file no-such-event.json: ENOENT\n');
  });

  it('TypeScript and its migrated form', () => {
    const dir = fs.mkdtempSync('/tmp/lcs-simulate-cli-');
    fs.writeFileSync(path.join(dir, 'ids.json'), '{ "ids": ["a"] }');
    const leaking = cli(fixture('harness/seen-reset.input.ts'), '--event', path.join(dir, 'ids.json'), '--event', path.join(dir, 'ids.json'));
    const migrated = cli(fixture('harness/seen-reset.output.ts'), '--event', path.join(dir, 'ids.json'), '--event', path.join(dir, 'ids.json'));
    fs.rmSync(dir, { recursive: true, force: true });
    expect([leaking.status, migrated.status]).toEqual([1, 0]);
  });
});

describe("simulate never loses the user's files at the handler's /tmp paths", () => {
  const { spawn } = require('node:child_process') as typeof import('node:child_process');
  const target = `/tmp/lcs-simulate-cli-keep-${process.pid}`;
  let dir: string;
  const notes = () => fs.readFileSync(path.join(target, 'notes.txt'), 'utf8');
  const inCwd = (...args: string[]) => spawnSync(process.execPath, [BIN, 'simulate', ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

  beforeEach(() => {
    dir = fs.mkdtempSync('/tmp/lcs-simulate-cli-');
    fs.writeFileSync(
      path.join(dir, 'h.mjs'),
      `import fs from 'node:fs';\nexport const handler = async (event) => { fs.mkdirSync('${target}', { recursive: true }); fs.writeFileSync('${target}/out.txt', 'x'); fs.writeFileSync('${target}/notes.txt', 'clobbered'); if (event.hang) await new Promise(() => {}); if (event.crash) throw new Error('boom'); return fs.readdirSync('${target}').length; };\n`,
    );
    fs.writeFileSync(path.join(dir, 'hang.json'), '{ "hang": true }');
    fs.writeFileSync(path.join(dir, 'crash.json'), '{ "crash": true }');
    fs.rmSync(target, { recursive: true, force: true });
    fs.mkdirSync(target);
    fs.writeFileSync(path.join(target, 'notes.txt'), 'precious');
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(target, { recursive: true, force: true });
    // what a failed test's killed run left for this target alone
    for (const name of fs.readdirSync('/tmp').filter((n) => /^lambda-clean-slate-(backup|lock)-/.test(n))) {
      const record = ['restore.json', 'owner.json'].map((file) => path.join('/tmp', name, file)).find((file) => fs.existsSync(file));
      if (record && fs.readFileSync(record, 'utf8').includes(`"${target}"`)) fs.rmSync(path.join('/tmp', name), { recursive: true, force: true });
    }
  });

  it('a handler name that is not exported: exit 2, and nothing is touched', () => {
    const run = inCwd('h.mjs', '--handler', 'doesNotExist');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('FAILED: the module exports nothing at `doesNotExist` (exports: handler); name the handler with --handler');
    expect(fs.readdirSync(target)).toEqual(['notes.txt']);
    expect(notes()).toBe('precious');
  });

  it.each([[[] as string[], 0], [['--event', 'crash.json'], 2]])('put back after the run (%j), what the handler wrote removed', (events, status) => {
    const run = inCwd('h.mjs', ...(events.length > 0 ? events : ['--invocations', '2']));
    expect(run.status).toBe(status);
    expect(run.stdout).toContain(`your files there were set aside during the run and put back after it: ${target}`);
    expect(fs.readdirSync(target)).toEqual(['notes.txt']);
    expect(notes()).toBe('precious');
  });

  it.each([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129], ['SIGQUIT', 131]] as const)('put back when the run is stopped with %s', async (signal, status) => {
    const child = spawn(process.execPath, [BIN, 'simulate', 'h.mjs', '--event', 'hang.json', '--timeout', '60000'], { cwd: dir, env: { ...process.env, NODE_OPTIONS: '' } });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // the handler has written its files: the run is under way
    for (let waited = 0; !fs.existsSync(path.join(target, 'out.txt')); waited += 20) {
      if (waited > 20_000) throw new Error('the handler never ran');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill(signal);
    expect(await exited).toBe(status);
    expect(fs.readdirSync(target)).toEqual(['notes.txt']);
    expect(notes()).toBe('precious');
  });

  it('after a run killed outright (SIGKILL): the rerun refuses, says where the files are and how to put them back', () => {
    // a run killed with the user's files set aside (no handler process to stop: the guard alone)
    const killed = `require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'simulate', 'tmpGuard.js'))}).TmpGuard.open([${JSON.stringify(target)}]);
      require('fs').mkdirSync(${JSON.stringify(target)}); require('fs').writeFileSync(${JSON.stringify(`${target}/out.txt`)}, 'the killed run');
      process.kill(process.pid, 'SIGKILL');`;
    const kill = spawnSync(process.execPath, ['-e', killed], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(kill.signal).toBe('SIGKILL');
    expect(fs.readdirSync(target)).toEqual(['out.txt']);

    const first = inCwd('h.mjs', '--invocations', '1');
    expect(first.status).toBe(2);
    expect(first.stdout).toMatch(/FAILED: a simulate run \(pid \d+\) that is no longer running .* left its lock on /);
    const lock = /rm -r (\/tmp\/lambda-clean-slate-lock-\w+)/.exec(first.stdout)![1];
    const backup = /your files from before that run are in (\/tmp\/lambda-clean-slate-backup-\w+) \(left by an earlier simulate run \(pid \d+\)/.exec(first.stdout)![1];
    expect(first.stdout).toContain(`its restore.json lists where each belongs: ${backup}/0 -> ${target}`);
    // nothing was touched: the killed run's file is where it was, the user's wait in the backup
    expect(fs.readdirSync(target)).toEqual(['out.txt']);
    expect(fs.readFileSync(path.join(backup, '0', 'notes.txt'), 'utf8')).toBe('precious');

    // without the lock, the backup folder alone still stops the run
    fs.rmSync(lock, { recursive: true });
    const second = inCwd('h.mjs', '--invocations', '1');
    expect(second.status).toBe(2);
    expect(second.stdout).toContain(`FAILED: your files from before that run are in ${backup} (left by an earlier simulate run`);
    expect(second.stdout).toContain('put yours back (for each: rm -rf PATH && mv ENTRY PATH)');
    expect(fs.readdirSync(target)).toEqual(['out.txt']);

    // put back as the message says: the next run goes ahead and keeps them
    fs.rmSync(target, { recursive: true });
    fs.renameSync(path.join(backup, '0'), target);
    fs.rmSync(backup, { recursive: true });
    const third = inCwd('h.mjs', '--invocations', '1');
    expect(third.status).toBe(0);
    expect(fs.readdirSync(target)).toEqual(['notes.txt']);
    expect(notes()).toBe('precious');
  });

  it('put back when the process ends on an uncaught error in the middle of a run', () => {
    const script = `const { simulate } = require(${JSON.stringify(path.join(ROOT, 'dist', 'src', 'index.js'))});
      setTimeout(() => { throw new Error('unexpected'); }, 1500);
      simulate({ file: 'h.mjs', events: [{ hang: true }], timeoutMs: 60000 });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd: dir, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
    expect(run.stderr).toContain('Error: unexpected');
    expect(run.status).toBe(1);
    expect(fs.readdirSync(target)).toEqual(['notes.txt']);
    expect(notes()).toBe('precious');
  });
});
