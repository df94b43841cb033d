// `simulate`: the handler run warm (one module instance, the events in order) and cold (a
// fresh module instance per event, with the /tmp paths it uses removed first), and where
// the two differ. The library returns results; the command prints them.
import fs from 'node:fs';
import path from 'node:path';
import { analyseHandlerModule, taskRoot, type HandlerModuleAnalysis } from './analyseHandlerModule';
import { sameOutcome } from './compareOutcomes';
import { isRemovableTmpPath } from './findStaticTmpPaths';
import { errorInfo } from './invokeHandler';
import { lambdaEnvironment } from './lambdaEnvironment';
import { runEnvironment, type EnvironmentSpec } from './runEnvironment';
import type { EnvironmentRun, ErrorInfo, InvocationRecord, SimulateOptions, SimulatedInvocation, SimulationResult } from './types';

/** Lambda's default function timeout. */
export const DEFAULT_TIMEOUT_MS = 3000;

export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const file = path.resolve(options.file);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let analysis: HandlerModuleAnalysis;
  try {
    analysis = analyseHandlerModule(file, fs.readFileSync(file, 'utf8'), options.handler);
  } catch (error) {
    const info = errorInfo(error);
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? `cannot read ${options.file}: no such file` : info.message;
    return failed(file, options.handler ?? '', [], reason, info);
  }

  const root = taskRoot(file);
  const modules = Object.fromEntries(Object.entries(options.modules ?? {}).map(([name, target]) => [name, path.resolve(target)]));
  const base: Omit<EnvironmentSpec, 'task'> = { cwd: root, env: lambdaEnvironment(file, root, options.env) };
  const task = { file, format: analysis.format, handler: analysis.handler, timeoutMs, modules };
  const environment = (events: Array<{ index: number; event: unknown }>) => {
    removeTmpPaths(analysis.tmpPaths);
    return runEnvironment({ ...base, task: { ...task, invocations: events } });
  };

  const indexed = options.events.map((event, index) => ({ index, event }));
  const warm = await environment(indexed);
  if (warm.loadError) return loadFailure(file, analysis, warm.loadError, [warm.loadOutput]);
  const cold: EnvironmentRun[] = [];
  for (const invocation of indexed) {
    const run = await environment([invocation]);
    if (run.loadError) return loadFailure(file, analysis, run.loadError, [warm.loadOutput, ...cold.map((c) => c.loadOutput), run.loadOutput]);
    cold.push(run);
  }

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
  if (stuck) {
    result.verdict = 'failed';
    result.failure = `invocation ${stuck.index + 1} did not complete even on a cold start: ${stuck.cold.outcome.status === 'timeout' ? `it did not settle within ${timeoutMs} ms` : 'the environment stopped'}`;
  }
  return result;
}

/** A cold start that timed out says nothing about leaks: the handler cannot be run. */
function settled(record: InvocationRecord): boolean {
  return record.outcome.status === 'ok' || record.outcome.status === 'error';
}

/** Only static paths strictly below /tmp/, checked again right before deleting. */
function removeTmpPaths(paths: string[]): void {
  for (const target of paths) {
    if (isRemovableTmpPath(target)) fs.rmSync(target, { recursive: true, force: true });
  }
}

function loadFailure(file: string, analysis: HandlerModuleAnalysis, error: ErrorInfo, loadOutput: string[]): SimulationResult {
  const result = failed(file, analysis.handler, analysis.tmpPaths, `cannot load ${path.relative(process.cwd(), file) || file}: ${error.name}: ${firstLine(error.message)}`, error);
  result.format = analysis.format;
  result.notes = analysis.notes;
  result.loadOutput = loadOutput;
  return result;
}

function failed(file: string, handler: string, tmpPaths: string[], failure: string, error?: ErrorInfo): SimulationResult {
  return { file, handler, format: 'commonjs', tmpPaths, notes: [], invocations: [], loadOutput: [], verdict: 'failed', failure, error };
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? text;
}
