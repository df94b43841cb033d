// Worker threads and shards change where the work is done, never the result: the same
// files, in the same order, with the same changes, as a run in one thread. Run against the
// compiled package, since worker threads load compiled JavaScript.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildPackage, git, runCli } from '../e2e/cli';
import { fixtureTree } from './fixtureTree';

type Migrate = typeof import('../../src/engine/migrate').migrate;

let build: { bin: string; dir: string };
let migrate: Migrate;
let tree: string;
const folders: string[] = [];

beforeAll(() => {
  build = buildPackage();
  folders.push(build.dir);
  migrate = require(path.join(build.dir, 'src', 'engine', 'migrate.js')).migrate;
  tree = fixtureTree('lcs-perf-workers-');
  folders.push(tree);
});
afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

describe('workers', () => {
  it('give the same results, in the same order, as one thread (--workers 1 and 2)', async () => {
    const workersSeen: number[] = [];
    const run = (workers: number) => migrate({ cwd: tree, workers, onProgress: (p) => workersSeen.push(p.workers) });
    const alone = await run(0);
    expect(alone.summary.handlerModules).toBeGreaterThan(50);
    expect(alone.summary.filesChanged).toBeGreaterThan(50);
    for (const workers of [1, 2]) {
      workersSeen.length = 0;
      const result = await run(workers);
      expect(result).toEqual(alone);
      // the work really went to that many threads
      expect(workersSeen[workersSeen.length - 1]).toBe(workers);
    }
  });

  it('are chosen by default only for a run with much to parse', async () => {
    const seen: number[] = [];
    await migrate({ cwd: path.join(tree, 'copy-1', 'container-id'), onProgress: (p) => seen.push(p.workers) });
    expect(seen[seen.length - 1]).toBe(0);
  });

  it('start while files are still being read, once enough is queued, and share the queue with the main thread', async () => {
    type Pool = typeof import('../../src/engine/workers');
    const { WorkPool, BYTES_PER_WORKER } = require(path.join(build.dir, 'src', 'engine', 'workers.js')) as Pool;
    const inputs = fs.readdirSync(path.join(tree, 'copy-1', 'globals')).map((name) => fs.readFileSync(path.join(tree, 'copy-1', 'globals', name, fs.readdirSync(path.join(tree, 'copy-1', 'globals', name)).find((f) => f.startsWith('handler.'))!), 'utf8'));
    const tasks = [];
    for (let id = 0, bytes = 0; bytes < 1.1 * BYTES_PER_WORKER; id++) {
      const text = inputs[id % inputs.length];
      tasks.push({ id, path: `handler-${id}.js`, text });
      bytes += text.length;
    }
    const results = new Map<number, unknown>();
    let startedAfter = -1;
    const pool = new WorkPool({
      requested: undefined,
      setup: { transformNames: ['globals'], transformOptions: {} },
      onResult: (id, result) => results.set(id, result),
      onWorkers: () => (startedAfter = added),
    });
    let added = 0;
    for (const task of tasks) {
      pool.add(task);
      added++;
    }
    // one worker (none on a single core), started by the task that took the queue past
    // BYTES_PER_WORKER, not before
    const expected = Math.min(1, os.availableParallelism() - 1);
    expect(pool.workerCount).toBe(expected);
    if (expected > 0) {
      expect(startedAfter).toBeGreaterThan(1);
      expect(startedAfter).toBeLessThan(tasks.length);
    }
    const { applyTransforms } = require(path.join(build.dir, 'src', 'analysis', 'applyTransforms.js'));
    const { loadTransform } = require(path.join(build.dir, 'transforms', 'index.js'));
    let here = 0;
    await pool.finish((task) => {
      here++;
      return applyTransforms(task.text, task.path, { transforms: [loadTransform('globals')] });
    });
    expect([...results.keys()].sort((a, b) => a - b)).toEqual(tasks.map((t) => t.id));
    // both threads worked
    expect(here).toBeGreaterThan(0);
    if (expected > 0) expect(here).toBeLessThan(tasks.length);
  });

  it('give the same patch from the command line', () => {
    const patch = (workers: string) => runCli(build.bin, ['migrate', '.', '--format', 'patch', '--workers', workers], tree);
    const alone = patch('0');
    expect(alone.stdout).toContain('diff --git');
    expect(patch('2')).toEqual(alone);
  });

  it('rejects a --workers value that is not a whole number', () => {
    const result = runCli(build.bin, ['migrate', '.', '--workers', '1.5'], tree);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--workers');
  });
});

describe('shards', () => {
  it('partition the files, and their results together are the whole run', async () => {
    const whole = await migrate({ cwd: tree, workers: 0 });
    const shards = await Promise.all([1, 2, 3].map((index) => migrate({ cwd: tree, workers: 0, shard: { index, count: 3 } })));
    expect(shards.reduce((n, s) => n + s.summary.filesScanned, 0)).toBe(whole.summary.filesScanned);
    expect(shards.every((s) => s.summary.filesScanned > 0)).toBe(true);
    const paths = shards.flatMap((s) => s.files.map((f) => f.path));
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.sort()).toEqual(whole.files.map((f) => f.path).sort());
    const byPath = new Map(shards.flatMap((s) => s.files.map((f) => [f.path, f] as const)));
    for (const file of whole.files) expect(byPath.get(file.path)).toEqual(file);
  });

  it('give patches that, applied one after another, make what the whole patch makes', () => {
    const repository = fixtureTree('lcs-perf-shards-');
    folders.push(repository);
    git(repository, 'init', '-q');
    git(repository, 'config', 'core.autocrlf', 'false');
    git(repository, 'add', '-A');
    git(repository, 'commit', '-q', '-m', 'initial');
    const whole = runCli(build.bin, ['migrate', '.', '--format', 'patch'], repository).stdout;
    const shardPatches = ['1/3', '2/3', '3/3'].map((shard) => runCli(build.bin, ['migrate', '.', '--format', 'patch', '--shard', shard], repository).stdout);
    expect(shardPatches.every((p) => p.includes('diff --git'))).toBe(true);

    const apply = (patches: string[]) => {
      git(repository, 'checkout', '-q', '--', '.');
      patches.forEach((patch, i) => {
        fs.writeFileSync(path.join(repository, `.p${i}`), patch);
        git(repository, 'apply', `.p${i}`);
        fs.rmSync(path.join(repository, `.p${i}`));
      });
      return git(repository, 'diff');
    };
    expect(apply(shardPatches)).toBe(apply([whole]));
  });

  it('rejects a malformed --shard', () => {
    for (const shard of ['0/3', '4/3', '1', 'a/b', '1/0']) {
      const result = runCli(build.bin, ['migrate', '.', '--shard', shard], tree);
      expect([shard, result.status]).toEqual([shard, 2]);
      expect(result.stderr).toContain('--shard');
    }
  });
});
