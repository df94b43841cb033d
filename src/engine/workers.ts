// Worker threads for the parse-and-transform part of a `migrate` run. The main thread
// reads files, runs the text pre-check and keeps the results in the order of the files;
// workers only turn a file's text into its result (transformFile.ts). Each worker loads
// jscodeshift and the transforms once (a few hundred milliseconds), so a run starts
// workers only when it has enough to parse to repay that.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceResult } from '../analysis/applyTransforms';
import type { TransformName, TransformOptions } from '../analysis/types';
import type { FileTask } from './transformFile';

export interface WorkerSetup {
  transformNames: TransformName[];
  transformOptions: TransformOptions;
}

export type TaskOutcome =
  | { id: number; result: SourceResult }
  | { id: number; failure: { message: string; stack: string } };

/** Compiled next to this file; absent when running from the TypeScript sources (tests),
 * where the work stays in the calling thread. */
const WORKER_SCRIPT = path.join(__dirname, 'worker.js');

/** Below this many bytes to parse, one thread is done before two workers have loaded and
 * warmed up jscodeshift, babel and recast. Measured on 2 cores with the bench trees: 0.87 MB of
 * handler-module candidates (3,000 files) took 3.1 s in one thread against 3.3-3.7 s with two
 * workers; 1.65 MB (6,000 files) 5.1 s against 4.9 s. */
export const MIN_BYTES_FOR_WORKERS = 1536 * 1024;
/** A worker is worth its start-up cost for about this many bytes to parse. */
const BYTES_PER_WORKER = 128 * 1024;
const MAX_WORKERS = 8;
/** Tasks a worker holds at once: the next file is waiting when it finishes one. */
const TASKS_IN_FLIGHT = 2;

/** How many workers to use for `bytes` to parse over `tasks` files. `requested`
 * (`--workers N`) wins; 0 means none. */
export function workerCount(requested: number | undefined, bytes: number, tasks: number): number {
  if (tasks === 0 || !fs.existsSync(WORKER_SCRIPT)) return 0;
  if (requested !== undefined) return Math.min(requested, tasks);
  const cores = os.availableParallelism();
  if (cores < 2 || bytes < MIN_BYTES_FOR_WORKERS) return 0;
  return Math.min(cores, MAX_WORKERS, tasks, Math.ceil(bytes / BYTES_PER_WORKER));
}

/** Runs `tasks` on `count` workers; `onOutcome` is called once per task, in the order
 * tasks finish. Rejects on the first task a transform failed on, or a worker that died. */
export function runInWorkers(tasks: FileTask[], setup: WorkerSetup, count: number, onOutcome: (outcome: TaskOutcome) => void): Promise<void> {
  if (tasks.length === 0) return Promise.resolve();
  // largest first, so that no worker is left with one big file at the end
  const queue = [...tasks].sort((a, b) => b.text.length - a.text.length || a.id - b.id);
  let remaining = tasks.length;
  const workers: Worker[] = [];

  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      Promise.all(workers.map((w) => w.terminate())).then(
        () => (error ? reject(error) : resolve()),
        () => (error ? reject(error) : resolve()),
      );
    };
    const feed = (worker: Worker, n: number) => {
      for (let i = 0; i < n && queue.length > 0; i++) worker.postMessage([queue.shift()!]);
    };

    for (let i = 0; i < count; i++) {
      const worker = new Worker(WORKER_SCRIPT, { workerData: setup });
      workers.push(worker);
      worker.on('message', (outcomes: TaskOutcome[]) => {
        for (const outcome of outcomes) {
          if ('failure' in outcome) {
            const error = new Error(outcome.failure.message);
            error.stack = outcome.failure.stack || error.stack;
            finish(error);
            return;
          }
          onOutcome(outcome);
          remaining--;
        }
        if (remaining === 0) finish();
        else feed(worker, outcomes.length);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => {
        if (!settled && code !== 0) finish(new Error(`a worker thread stopped (exit code ${code})`));
      });
      feed(worker, TASKS_IN_FLIGHT);
    }
  });
}
