// `simulate`: the handler run warm (one module instance, the events in order) and cold (a
// fresh module instance per event, with the /tmp paths it uses emptied first: what the
// user had there is set aside for the run and put back after it, see tmpGuard.ts), and
// where the two differ. The library returns results; the command prints them.
import fs from 'node:fs';
import path from 'node:path';
import { analyseHandlerModule, taskRoot, type HandlerModuleAnalysis } from './analyseHandlerModule';
import { describeOutcome, sameOutcome } from './compareOutcomes';
import { isRemovableTmpPath } from './findStaticTmpPaths';
import { errorInfo } from './invokeHandler';
import { lambdaEnvironment } from './lambdaEnvironment';
import { layerNodePath } from '../analysis/moduleResolution';
import { moduleMappings } from './layerPaths';
import { runEnvironment, type EnvironmentSpec } from './runEnvironment';
import { missingHandler } from './staticExports';
import { TmpBackupError, TmpGuard } from './tmpGuard';
import type { ErrorInfo, InvocationRecord, SimulateOptions, SimulatedInvocation, SimulationResult } from './types';

/** Lambda's default function timeout. */
export const DEFAULT_TIMEOUT_MS = 3000;
/** Environments of a module that does not touch /tmp run this many at a time. */
const PARALLEL_ENVIRONMENTS = 4;

export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const file = path.resolve(options.file);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let analysis: HandlerModuleAnalysis;
  try {
    if (fs.statSync(file).isDirectory()) return failed(file, notAFile(options.file));
    analysis = analyseHandlerModule(file, fs.readFileSync(file, 'utf8'), options.handler);
  } catch (error) {
    const info = errorInfo(error);
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `cannot read ${options.file}: no such file` : info.message;
    return failed(file, reason, info);
  }

  const unsafe = Object.keys(options.tmpFiles ?? {}).find((target) => !isRemovableTmpPath(target));
  if (unsafe !== undefined) return failed(file, `tmpFiles may only name static paths strictly below /tmp/, not ${unsafe}`);

  // a handler the module does not export is reported before anything runs or is touched
  const missing = analysis.exports && missingHandler(analysis.exports, analysis.handler, path.basename(file, path.extname(file)));
  if (missing) return { ...failed(file, missing), handler: analysis.handler, format: analysis.format, notes: analysis.notes };

  // the user's files at those paths wait aside until the simulation is over
  let guard: TmpGuard;
  try {
    guard = TmpGuard.open([...analysis.tmpPaths, ...Object.keys(options.tmpFiles ?? {})]);
  } catch (error) {
    if (!(error instanceof TmpBackupError)) throw error;
    return { ...failed(file, error.message), handler: analysis.handler, format: analysis.format, notes: analysis.notes };
  }
  let result: SimulationResult;
  try {
    result = await runWarmAndCold(file, options, analysis, timeoutMs, guard);
  } catch (error) {
    const problems = guard.restore();
    if (problems.length > 0 && error instanceof Error) error.message += `; and after it: ${problems.join('; ')}`;
    throw error;
  }
  const problems = guard.restore();
  if (problems.length > 0) {
    result.verdict = 'failed';
    result.failure = `the simulation ran, but ${problems.join('; ')}`;
  }
  result.setAside = guard.setAsidePaths;
  return result;
}

async function runWarmAndCold(file: string, options: SimulateOptions, analysis: HandlerModuleAnalysis, timeoutMs: number, guard: TmpGuard): Promise<SimulationResult> {
  const root = taskRoot(file);
  const modules = moduleMappings(options.modules ?? {});
  const layers = (options.layers ?? []).map((layer) => ({ opt: layer.opt && path.resolve(layer.opt), nodejs: path.resolve(layer.nodejs) }));
  // Lambda's NODE_PATH: packages of the layers' nodejs/node_modules (CommonJS only, as there)
  const nodePath: Record<string, string> = layers.length > 0 ? { NODE_PATH: [...layerNodePath(layers), ...(process.env.NODE_PATH ? [process.env.NODE_PATH] : [])].join(path.delimiter) } : {};
  const base: Omit<EnvironmentSpec, 'task'> = { cwd: root, env: lambdaEnvironment(root, { ...nodePath, ...options.env }) };
  const task = { file, format: analysis.format, handler: analysis.handler, timeoutMs, modules, layers };
  const environment = (events: Array<{ index: number; event: unknown }>) => {
    guard.prepareEnvironment(options.tmpFiles ?? {});
    return runEnvironment({ ...base, task: { ...task, invocations: events } });
  };

  const indexed = options.events.map((event, index) => ({ index, event }));
  const runs = [indexed, ...indexed.map((invocation) => [invocation])];
  // environments share /tmp: side by side only when the module never touches it
  const [warm, ...cold] = analysis.usesTmp || options.tmpFiles ? await inSequence(runs, environment) : await inParallel(runs, environment, PARALLEL_ENVIRONMENTS);
  const failedToLoad = [warm, ...cold].find((run) => run.loadError);
  if (failedToLoad) return loadFailure(file, analysis, failedToLoad.loadError!, [warm.loadOutput, ...cold.map((c) => c.loadOutput)]);

  const invocations: SimulatedInvocation[] = indexed.map(({ index, event }) => {
    const warmRecord = warm.invocations.get(index)!;
    const coldRecord = cold[index].invocations.get(index)!;
    return { index, event, warm: warmRecord, cold: coldRecord, same: sameOutcome(warmRecord.outcome, coldRecord.outcome) };
  });
  const result: SimulationResult = {
    file,
    handler: analysis.handler,
    format: analysis.format,
    tmpPaths: analysis.tmpPaths,
    notes: analysis.notes,
    invocations,
    loadOutput: [warm.loadOutput, ...cold.map((c) => c.loadOutput)],
    verdict: invocations.every((i) => i.same) ? 'clean' : 'leak',
  };
  const stuck = invocations.find((i) => !settled(i.cold));
  const neverSucceeded = invocations.every((i) => i.warm.outcome.status !== 'ok' && i.cold.outcome.status !== 'ok');
  if (stuck) {
    result.verdict = 'failed';
    result.failure = `invocation ${stuck.index + 1} did not complete even on a cold start: ${stuck.cold.outcome.status === 'timeout' ? `it did not settle within ${timeoutMs} ms` : 'the environment stopped'}`;
  } else if (neverSucceeded) {
    // A handler that never gets past its error shows nothing reliable about its state: warm
    // equal to cold is no proof of clean, and warm unlike cold may be no more than how it
    // fails (a process that exits takes the warm environment's later invocations with it).
    result.verdict = 'failed';
    const stopped = invocations.filter((i) => !i.same && i.warm.outcome.status === 'not-run');
    const different = invocations.filter((i) => !i.same).length - stopped.length;
    const parts: string[] = [];
    if (stopped.length > 0) {
      const { outcome } = stopped[0].warm;
      parts.push(`the warm environment could not run ${stopped.length} of them (${outcome.status === 'not-run' ? outcome.reason : 'it stopped'})`);
    }
    if (different > 0) parts.push(`warm and cold fail differently in ${different} of ${invocations.length}, which may be no more than how it fails`);
    const agreement = parts.length === 0 ? 'warm and cold agree, but the handler never succeeded' : `${parts.join('; ')}; no invocation succeeded, so this says little about leaks: give it events it can handle`;
    result.failure = `every invocation failed: ${failuresIn(invocations)}; ${agreement}`;
  }
  return result;
}

/** The first error the invocations gave, and how many other distinct ones there were. */
function failuresIn(invocations: SimulatedInvocation[]): string {
  const distinct = new Set<string>();
  for (const invocation of invocations) {
    for (const { outcome } of [invocation.warm, invocation.cold]) {
      if (outcome.status === 'not-run') continue;
      if (outcome.status === 'error') distinct.add(`${outcome.error.name}: ${firstLine(outcome.error.message)}`);
      else distinct.add(describeOutcome(outcome));
    }
  }
  const [first, ...others] = distinct;
  return others.length === 0 ? first : `${first} (and ${others.length} other distinct failure${others.length === 1 ? '' : 's'})`;
}

async function inSequence<T, R>(items: T[], run: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await run(item));
  return results;
}

async function inParallel<T, R>(items: T[], run: (item: T) => Promise<R>, limit: number): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await run(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** A cold start that timed out says nothing about leaks: the handler cannot be run. */
function settled(record: InvocationRecord): boolean {
  return record.outcome.status === 'ok' || record.outcome.status === 'error';
}

/** `simulate src/`: one handler module at a time. */
export function notAFile(given: string): string {
  return `simulate takes one handler file, and ${given} is a directory: name the module in it (e.g. ${path.join(given, 'index.js')})`;
}

function loadFailure(file: string, analysis: HandlerModuleAnalysis, error: ErrorInfo, loadOutput: string[]): SimulationResult {
  let reason = `cannot load ${path.relative(process.cwd(), file) || file}: ${error.name}: ${firstLine(error.message)}`;
  // a layer's module: where it is here must be said
  const missing = /Cannot find (?:module|package) '(\/opt\/[^']*)'/.exec(error.message)?.[1];
  if (missing) {
    reason += ` (${missing} is in a Lambda layer: map it with --module ${missing}=PATH, or a folder with --module /opt/nodejs/=FOLDER, or give the function a layer whose folder is here: ContentUri in template.yaml, layers: NAME: path in serverless.yml)`;
  }
  return { ...failed(file, reason, error), handler: analysis.handler, format: analysis.format, tmpPaths: analysis.tmpPaths, notes: analysis.notes, loadOutput };
}

function failed(file: string, failure: string, error?: ErrorInfo): SimulationResult {
  return { file, tmpPaths: [], notes: [], invocations: [], loadOutput: [], verdict: 'failed', failure, error };
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}
