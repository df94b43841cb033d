// A worker thread of a `migrate` run (see workers.ts): loads the transforms once, then
// runs each file it is sent through them and sends back the result.
// It never reads or writes files; the main thread does both.
import { parentPort, workerData } from 'node:worker_threads';
import { selectTransforms } from './selectTransforms';
import { transformFile, type FileTask } from './transformFile';
import type { TaskOutcome, WorkerSetup } from './workers';

const setup = workerData as WorkerSetup;
const transforms = selectTransforms(setup.transformNames);

parentPort!.on('message', (tasks: FileTask[]) => {
  const outcomes = tasks.map((task): TaskOutcome => {
    try {
      return { id: task.id, result: transformFile(task, transforms, setup.transformOptions) };
    } catch (error: any) {
      // a fault in a transform: the main thread fails the run as it would without workers
      return { id: task.id, failure: { message: String(error?.message ?? error), stack: String(error?.stack ?? '') } };
    }
  });
  parentPort!.postMessage(outcomes);
});
