// Where the parse-and-transform part of a `migrate` run happens. The main thread reads
// files and runs the text pre-check; each file that passes becomes a task in a queue. Worker
// threads start while the pre-check is still going, as soon as there is enough queued to
// repay their start-up (each loads jscodeshift and the transforms, a few hundred
// milliseconds), and take tasks from the queue; once the pre-check is done the main thread
// takes tasks from the same queue until it is empty. Results are kept by the file's
// position, so they are the same, in the same order, whichever thread did the work.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SourceResult } from '../analysis/applyTransforms';
import type { TransformName, TransformOptions } from '../analysis/types';
import type { EventLoopTurns } from './eventLoopTurns';
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

/** Queued bytes each worker has to repay: the k-th worker starts once k times this much has
 * passed the pre-check. A worker first spends about 0.3 s of a core loading jscodeshift,
 * babel and recast, and on two cores the second one is already half busy with V8's own
 * threads (garbage collection, compilation) while the main thread parses: measured with the
 * bench trees, 0.87 MB of candidates (3,000 files) took as long with one worker as without
 * (median 3.9 s), 1.65 MB (6,000 files) 6.0 s against 6.3 s. */
export const BYTES_PER_WORKER = 1024 * 1024;
const MAX_WORKERS = 8;
/** Tasks a worker holds at once: the next file is waiting when it finishes one, also while
 * the main thread is busy with a file of its own. */
const TASKS_IN_FLIGHT = 3;

/** The most workers a run may start: `requested` (`--workers N`, 0: none) or, by default,
 * one per core besides the main thread's (which works too). */
export function workerLimit(requested: number | undefined): number {
  if (!fs.existsSync(WORKER_SCRIPT)) return 0;
  if (requested !== undefined) return requested;
  return Math.max(0, Math.min(os.availableParallelism() - 1, MAX_WORKERS));
}

export interface PoolOptions {
  /** `--workers N`: exactly N workers once there is a task; absent: by queued bytes. */
  requested: number | undefined;
  setup: WorkerSetup;
  onResult(id: number, result: SourceResult): void;
  onWorkers(count: number): void;
  /** Turns of the event loop while this thread works alone (see eventLoopTurns.ts). */
  turns?: EventLoopTurns;
}

/** The task queue shared by the main thread and the workers. `add` tasks while reading
 * files, then `finish` with the main thread's own way of running a task. */
export class WorkPool {
  private readonly queue: FileTask[] = [];
  private readonly workers: Worker[] = [];
  private readonly held = new Map<Worker, number>();
  private readonly limit: number;
  private queuedBytes = 0;
  private outstanding = 0;
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(private readonly options: PoolOptions) {
    this.limit = workerLimit(options.requested);
  }

  /** Worker threads started so far. */
  get workerCount(): number {
    return this.workers.length;
  }

  add(task: FileTask): void {
    this.queue.push(task);
    this.queuedBytes += task.text.length;
    this.startWorkers();
    for (const worker of this.workers) this.feed(worker);
  }

  /** Runs what is left in this thread too, waits for the workers' last tasks and stops them.
 * Rejects on the first task a transform failed on (in any thread), or a worker that died. */
  async finish(runHere: (task: FileTask) => SourceResult): Promise<void> {
    try {
      // largest first, so that no thread is left with one big file at the end
      this.queue.sort((a, b) => b.text.length - a.text.length || a.id - b.id);
      for (const worker of this.workers) this.feed(worker);
      while (this.queue.length > 0 && !this.failure) {
        const task = this.queue.shift()!;
        this.options.onResult(task.id, runHere(task));
        // let the workers' answers in, and hand them their next tasks
        if (this.workers.length > 0) await new Promise((resolve) => setImmediate(resolve));
        else if (this.options.turns?.due()) await this.options.turns.take();
      }
      while (this.outstanding > 0 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
      if (this.failure) throw this.failure;
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate().catch(() => undefined)));
    }
  }

  private startWorkers(): void {
    const wanted = this.options.requested !== undefined ? this.limit : Math.min(this.limit, Math.floor(this.queuedBytes / BYTES_PER_WORKER));
    if (this.workers.length >= wanted) return;
    while (this.workers.length < wanted) this.startWorker();
    this.options.onWorkers(this.workers.length);
  }

  private startWorker(): void {
    const worker = new Worker(WORKER_SCRIPT, { workerData: this.options.setup });
    this.workers.push(worker);
    this.held.set(worker, 0);
    worker.on('message', (outcomes: TaskOutcome[]) => {
      for (const outcome of outcomes) {
        this.outstanding--;
        this.held.set(worker, this.held.get(worker)! - 1);
        if ('failure' in outcome) {
          const error = new Error(outcome.failure.message);
          error.stack = outcome.failure.stack || error.stack;
          this.fail(error);
          return;
        }
        this.options.onResult(outcome.id, outcome.result);
      }
      this.feed(worker);
      this.wake?.();
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => {
      if (code !== 0 && !this.failure && this.outstanding > 0) this.fail(new Error(`a worker thread stopped (exit code ${code})`));
    });
  }

  private feed(worker: Worker): void {
    while (this.held.get(worker)! < TASKS_IN_FLIGHT && this.queue.length > 0 && !this.failure) {
      this.held.set(worker, this.held.get(worker)! + 1);
      this.outstanding++;
      worker.postMessage([this.queue.shift()!]);
    }
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.wake?.();
  }
}
