// When two invocations gave the same result: as JSON (key order aside); errors by name
// and message (stacks differ between processes and say nothing about state).
import { isDeepStrictEqual } from 'node:util';
import type { InvocationOutcome } from './types';

export function sameOutcome(a: InvocationOutcome, b: InvocationOutcome): boolean {
  if (a.status !== b.status) return false;
  switch (a.status) {
    case 'ok':
      return isDeepStrictEqual(a.value, (b as typeof a).value);
    case 'error':
      return a.error.name === (b as typeof a).error.name && a.error.message === (b as typeof a).error.message;
    case 'timeout':
    case 'not-run':
      return true;
  }
}

/** One line for a report: the JSON value, the error, or what happened instead. */
export function describeOutcome(outcome: InvocationOutcome): string {
  switch (outcome.status) {
    case 'ok':
      return JSON.stringify(outcome.value);
    case 'error':
      return `throws ${outcome.error.name}: ${outcome.error.message}`;
    case 'timeout':
      return `did not settle within ${outcome.afterMs} ms`;
    case 'not-run':
      return `not run (${outcome.reason})`;
  }
}
