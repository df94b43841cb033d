// The process of one simulated execution environment. The parent forks it, sends one
// RunTask, and reads RunnerMessages back: the module is loaded once and the task's
// invocations run in order, each in the same module instance. The handler's console
// output travels over IPC too, so that it stays in order with the results and apart from
// the report. The parent kills this process when it is done or when an invocation hangs.
import path from 'node:path';
import { handlerAt, loadHandlerModule } from './loadHandlerModule';
import { errorInfo, installLambdaGlobal, invokeHandler } from './invokeHandler';
import type { RunTask, RunnerMessage } from './types';

function send(message: RunnerMessage): void {
  process.send?.(message);
}

function forwardOutput(stream: 'stdout' | 'stderr'): void {
  const target = process[stream];
  target.write = ((chunk: string | Uint8Array, encoding?: unknown, callback?: unknown) => {
    send({ type: 'output', stream, text: typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8') });
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') done();
    return true;
  }) as typeof target.write;
}

/** Uncaught errors fail the running invocation (and end the environment, as in Lambda). */
let reportProcessFailure: ((error: unknown) => void) | null = null;
let environmentBroken = false;

function onProcessFailure(error: unknown): void {
  environmentBroken = true;
  if (reportProcessFailure) reportProcessFailure(error);
  else send({ type: 'crashed', error: errorInfo(error) });
}

async function run(task: RunTask): Promise<void> {
  installLambdaGlobal();
  let handler;
  try {
    handler = handlerAt(await loadHandlerModule(task), task.handler, path.basename(task.file, path.extname(task.file)));
  } catch (error) {
    send({ type: 'load-error', error: errorInfo(error) });
    return;
  }
  send({ type: 'loaded' });
  for (const [position, { index, event }] of task.invocations.entries()) {
    // the event loop turns between invocations, as it does while Lambda's runtime waits
    // for the next event: what a frozen environment sees happen (closed sockets) lands here
    if (position > 0) await new Promise((resolve) => setImmediate(resolve));
    if (environmentBroken) break;
    const processFailure = new Promise<unknown>((resolve) => (reportProcessFailure = resolve));
    send({ type: 'start', index });
    const started = performance.now();
    const outcome = await invokeHandler(handler, event, index, task.timeoutMs, processFailure);
    reportProcessFailure = null;
    send({ type: 'result', index, outcome, durationMs: Math.round(performance.now() - started) });
  }
}

forwardOutput('stdout');
forwardOutput('stderr');
process.on('uncaughtException', onProcessFailure);
process.on('unhandledRejection', onProcessFailure);
// A listener that stays keeps the IPC channel referenced, so that a handler whose promise
// never settles leaves the process waiting (as Lambda's runtime waits) until the parent
// stops it, instead of exiting on an empty event loop.
let started = false;
process.on('message', (task: RunTask) => {
  if (started) return;
  started = true;
  run(task).then(
    () => send({ type: 'finished' }),
    (error) => send({ type: 'load-error', error: errorInfo(error) }),
  );
});
