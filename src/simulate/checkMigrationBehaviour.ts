// The spec's one property, checked by running code: for a handler H, its migrated form
// M(H) and events e1..en,
//   1. cold(M(H), ei) == cold(H, ei)        a cold start behaves exactly as before;
//   2. warm(M(H), e1..en)[i] == cold(H, ei) a warm start behaves like a cold one;
// and, when the case says the input leaks, warm(H)[i] != cold(H, ei) for some i (so that
// the case proves something). The transform fixtures and `simulate` share this machinery.
import path from 'node:path';
import { describeOutcome, sameOutcome } from './compareOutcomes';
import { simulate } from './simulate';
import type { SimulationResult } from './types';

export interface BehaviourCase {
  input: string;
  output: string;
  events: unknown[];
  /** true: the input must leak; false: it must not; absent: not checked. */
  leaks?: boolean;
  handler?: string;
  /** Package name -> absolute path of a test double. */
  modules?: Record<string, string>;
  /** Files below /tmp that every environment starts with (see `SimulateOptions.tmpFiles`). */
  tmpFiles?: Record<string, string>;
  timeoutMs?: number;
}

export interface BehaviourReport {
  input: SimulationResult;
  output: SimulationResult;
  /** Each broken expectation in one readable line; empty when the property holds. */
  failures: string[];
}

export async function checkMigrationBehaviour(c: BehaviourCase): Promise<BehaviourReport> {
  const run = (file: string) => simulate({ file, handler: c.handler, events: c.events, modules: c.modules, tmpFiles: c.tmpFiles, timeoutMs: c.timeoutMs });
  const input = await run(c.input);
  const output = await run(c.output);
  const failures: string[] = [];
  const name = (file: string) => path.basename(file);

  for (const [result, file] of [[input, c.input], [output, c.output]] as const) {
    if (result.verdict === 'failed') failures.push(`${name(file)} cannot be run: ${result.failure}`);
  }
  if (failures.length > 0) return { input, output, failures };

  for (let i = 0; i < c.events.length; i++) {
    const before = input.invocations[i];
    const after = output.invocations[i];
    if (!sameOutcome(after.cold.outcome, before.cold.outcome)) {
      failures.push(`events[${i}]: the output's cold start differs from the input's: output ${describeOutcome(after.cold.outcome)}, input ${describeOutcome(before.cold.outcome)}`);
    }
    if (!sameOutcome(after.warm.outcome, before.cold.outcome)) {
      failures.push(`events[${i}]: the output's warm invocation differs from the input's cold start: output warm ${describeOutcome(after.warm.outcome)}, input cold ${describeOutcome(before.cold.outcome)}`);
    }
  }
  const inputLeaks = input.invocations.some((i) => !i.same);
  if (c.leaks === true && !inputLeaks) {
    failures.push(`${name(c.input)} was expected to leak, but its warm results equal its cold ones for every event: add events that show the leak`);
  }
  if (c.leaks === false && inputLeaks) {
    const first = input.invocations.find((i) => !i.same)!;
    failures.push(`${name(c.input)} was expected not to leak, but events[${first.index}] differs: warm ${describeOutcome(first.warm.outcome)}, cold ${describeOutcome(first.cold.outcome)}`);
  }
  return { input, output, failures };
}
