// The text report of a simulation: per invocation the warm and the cold result side by
// side, the differences in full, then a verdict. The handler's own console output only
// appears with `verbose`, in a section of its own.
import path from 'node:path';
import { describeOutcome } from './compareOutcomes';
import type { SimulationResult } from './types';

export interface FormatOptions {
  verbose?: boolean;
  /** How to name each event in the table (e.g. its file name); default: the event's JSON. */
  eventLabels?: string[];
  /** Paths are shown relative to this directory. */
  cwd?: string;
}

const COLUMN = 36;
const LABEL = 14;
const MARK = '<- differs';
const FULL_VALUE_LIMIT = 2000;

export function formatSimulation(result: SimulationResult, options: FormatOptions = {}): string {
  const lines: string[] = [];
  const file = path.relative(options.cwd ?? process.cwd(), result.file) || result.file;
  const count = result.invocations.length;
  const handler = result.handler ? `, export \`${result.handler}\`` : '';
  const format = result.format ? ` (${result.format === 'esm' ? 'ES module' : 'CommonJS'})` : '';
  const runs = count > 0 ? `: ${count} invocation${count === 1 ? '' : 's'}, warm and cold` : '';
  lines.push(`simulate ${file}${handler}${format}${runs}`);
  if (result.tmpPaths.length > 0) lines.push(`emptied before each environment starts: ${result.tmpPaths.join(', ')}`);
  if (result.setAside && result.setAside.length > 0) lines.push(`your files there were set aside during the run and put back after it: ${result.setAside.join(', ')}`);
  for (const note of result.notes) lines.push(`note: ${note}`);

  if (count > 0) {
    // when the handler could not be run, rows differ for that reason, not because of a leak:
    // the verdict says why, and no row is marked
    const marks = result.verdict !== 'failed';
    lines.push('', `  ${'#'.padEnd(3)}${pad('event', LABEL)}  ${pad('warm (one environment)', COLUMN)}  cold (fresh environment each)`);
    for (const invocation of result.invocations) {
      const label = options.eventLabels?.[invocation.index] ?? JSON.stringify(invocation.event) ?? 'undefined';
      const warm = describeOutcome(invocation.warm.outcome);
      const cold = describeOutcome(invocation.cold.outcome);
      const row = `  ${String(invocation.index + 1).padEnd(3)}${pad(label, LABEL)}  ${pad(warm, COLUMN)}  ${invocation.same || !marks ? clip(cold, COLUMN) : `${pad(cold, COLUMN)}  ${MARK}`}`;
      lines.push(row.trimEnd());
    }
    // in full where the table had to cut a differing value short
    const clipped = (text: string) => text.length > COLUMN;
    for (const invocation of result.invocations.filter((i) => marks && !i.same && (clipped(describeOutcome(i.warm.outcome)) || clipped(describeOutcome(i.cold.outcome))))) {
      lines.push('', `invocation ${invocation.index + 1}: the warm result differs from the cold one`);
      lines.push(`  warm: ${clip(describeOutcome(invocation.warm.outcome), FULL_VALUE_LIMIT)}`);
      lines.push(`  cold: ${clip(describeOutcome(invocation.cold.outcome), FULL_VALUE_LIMIT)}`);
    }
  }
  if (options.verbose) lines.push(...handlerOutput(result));
  if (result.warning) lines.push('', `warning: ${result.warning}`);
  lines.push('', verdict(result));
  return lines.join('\n') + '\n';
}

function verdict(result: SimulationResult): string {
  const total = result.invocations.length;
  switch (result.verdict) {
    case 'clean':
      return total === 1 ? 'CLEAN: the warm invocation behaves like a cold start.' : `CLEAN: all ${total} warm invocations behave like cold starts.`;
    case 'leak': {
      const differing = result.invocations.filter((i) => !i.same).length;
      return `LEAK: ${differing} of ${total} warm invocations differ from a cold start: state from earlier invocations leaks into later ones.`;
    }
    case 'failed':
      return `FAILED: ${result.failure}`;
  }
}

/** What the handler wrote, per environment and invocation, and stacks of what it threw. */
function handlerOutput(result: SimulationResult): string[] {
  const lines: string[] = [];
  const section = (title: string, text: string) => {
    if (text.trim() === '') return;
    lines.push('', `--- ${title} ---`, ...text.replace(/\n$/, '').split('\n').map((line) => `  ${line}`));
  };
  section('output while loading (warm environment)', result.loadOutput[0] ?? '');
  for (const invocation of result.invocations) {
    section(`output of invocation ${invocation.index + 1}, warm`, invocation.warm.output);
    section(`output while loading (cold environment ${invocation.index + 1})`, result.loadOutput[invocation.index + 1] ?? '');
    section(`output of invocation ${invocation.index + 1}, cold`, invocation.cold.output);
    for (const [kind, record] of [['warm', invocation.warm], ['cold', invocation.cold]] as const) {
      if (record.outcome.status === 'error' && record.outcome.error.stack) section(`stack of invocation ${invocation.index + 1}, ${kind}`, record.outcome.error.stack);
    }
  }
  if (result.error?.stack) section('stack', result.error.stack);
  return lines;
}

function pad(text: string, width: number): string {
  return clip(text, width).padEnd(width);
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : text.slice(0, width - 3) + '...';
}
