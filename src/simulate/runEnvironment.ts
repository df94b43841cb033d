// Runs one simulated execution environment in a child process (runner.ts): a fresh
// module instance for ESM, CommonJS and TypeScript alike, and a process that can be
// killed when an invocation never settles.
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { runnerScripts } from './runnerScripts';
import type { EnvironmentRun, ErrorInfo, InvocationRecord, RunTask, RunnerMessage } from './types';

export interface EnvironmentSpec {
  task: Omit<RunTask, 'hooksPath'>;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** The environments running now, in every simulation of this process. */
const running = new Set<ChildProcess>();

/**
 * Kills every environment that is still running and waits (briefly, synchronously: this
 * runs on the way out of the process) until each is gone, so that no handler writes below
 * /tmp once the user's files there are back.
 */
export function stopAllEnvironments(): void {
  for (const child of running) {
    child.kill('SIGKILL');
    if (child.pid !== undefined) waitUntilGone(child.pid, 1000);
  }
  running.clear();
}

/** Linux shows a dead process as a zombie in /proc until its parent reaps it; elsewhere: no wait. */
function waitUntilGone(pid: number, limitMs: number): void {
  const until = Date.now() + limitMs;
  const pause = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < until) {
    let state: string;
    try {
      state = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)\s*/s, '')[0];
    } catch {
      return;
    }
    if (state === 'Z' || state === 'X') return;
    Atomics.wait(pause, 0, 0, 5);
  }
}

/** Loading gets at least this long, whatever the invocation timeout (esbuild, big SDKs). */
const MIN_LOAD_TIMEOUT_MS = 15_000;

export function runEnvironment({ task, cwd, env }: EnvironmentSpec): Promise<EnvironmentRun> {
  const scripts = runnerScripts();
  const run: EnvironmentRun = { loadOutput: '', invocations: new Map() };
  const output = new Map<number, string>();
  let current: number | null = null;
  let startedAt = 0;
  let loaded = false;
  let stoppedBecause: string | null = null;

  return new Promise((resolve) => {
    const child = fork(scripts.runner, [], { cwd, env, execArgv: ['--enable-source-maps'], stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    running.add(child);
    let timer = setTimeout(() => stop(`the module did not finish loading within ${Math.max(MIN_LOAD_TIMEOUT_MS, task.timeoutMs)} ms`), Math.max(MIN_LOAD_TIMEOUT_MS, task.timeoutMs));

    const append = (text: string) => {
      if (current === null) run.loadOutput += text;
      else output.set(current, (output.get(current) ?? '') + text);
    };
    const record = (index: number, outcome: InvocationRecord['outcome'], durationMs: number) =>
      run.invocations.set(index, { outcome, output: output.get(index) ?? '', durationMs });

    function stop(reason: string, error?: ErrorInfo): void {
      clearTimeout(timer);
      if (stoppedBecause !== null) return;
      stoppedBecause = reason;
      if (!loaded && !run.loadError) run.loadError = error ?? { name: 'TimeoutError', message: reason };
      else if (current !== null && !run.invocations.has(current)) {
        const duration = Math.round(performance.now() - startedAt);
        record(current, error ? { status: 'error', error } : { status: 'timeout', afterMs: task.timeoutMs }, duration);
      }
      child.kill('SIGKILL');
    }

    function finish(): void {
      clearTimeout(timer);
      const reason = stoppedBecause ?? 'the environment stopped before this invocation';
      for (const { index } of task.invocations) {
        if (!run.invocations.has(index) && loaded) record(index, { status: 'not-run', reason }, 0);
      }
      resolve(run);
    }

    child.stdout!.on('data', (chunk: Buffer) => append(chunk.toString('utf8')));
    child.stderr!.on('data', (chunk: Buffer) => append(chunk.toString('utf8')));
    child.on('message', (message: RunnerMessage) => {
      // after a timeout, whatever the process still says is not part of the run
      if (stoppedBecause !== null) return;
      switch (message.type) {
        case 'output':
          append(message.text);
          break;
        case 'loaded':
          loaded = true;
          clearTimeout(timer);
          break;
        case 'load-error':
          stop('the module could not be loaded', message.error);
          break;
        case 'start':
          current = message.index;
          startedAt = performance.now();
          timer = setTimeout(() => stop(`invocation ${message.index + 1} did not settle within ${task.timeoutMs} ms`), task.timeoutMs);
          break;
        case 'result':
          clearTimeout(timer);
          record(message.index, message.outcome, message.durationMs);
          current = null;
          break;
        case 'crashed':
          stop(`the environment stopped: uncaught ${message.error.name}: ${message.error.message}`);
          break;
        case 'finished':
          stop('done');
          break;
      }
    });
    child.on('error', (error) => stop(`the handler's process failed: ${error.message}`, { name: error.name, message: error.message }));
    // 'close' (not 'exit'): the output pipes have been read to their end
    child.on('close', (code, signal) => {
      running.delete(child);
      if (stoppedBecause === null) {
        const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
        stop(`the handler's process ${how}`, { name: 'Runtime.ExitError', message: `the handler's process ${how}` });
      }
      finish();
    });
    child.send({ ...task, hooksPath: scripts.hooks } satisfies RunTask);
  });
}
