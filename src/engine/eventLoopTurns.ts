// Long synchronous work in the main thread (reading, pre-checking and parsing files one
// after another) keeps the event loop from running, and with it the command line's
// listener for Ctrl-C and SIGTERM: Node delivers a signal to its listener only between two
// turns of the loop. The loops of a run ask `due()` after each file and, every few tens of
// milliseconds of work, give the loop a full turn, so that a signal ends the run soon, and
// always between two files.
import { performance } from 'node:perf_hooks';

/** Work in this thread lasts at most about this long (plus one file) between two turns. */
export const TURN_INTERVAL_MS = 25;

/** A full turn of the event loop. Two hops: signals are read in the poll phase, which one
 * hop skips when it starts from that phase. */
export async function eventLoopTurn(): Promise<void> {
  for (let hop = 0; hop < 2; hop++) await new Promise((resolve) => setImmediate(resolve));
}

/** `if (turns.due()) await turns.take()` after each unit of work: a turn every
 * TURN_INTERVAL_MS at most, and no cost in between but reading the clock. */
export class EventLoopTurns {
  private last = performance.now();

  due(): boolean {
    return performance.now() - this.last >= TURN_INTERVAL_MS;
  }

  async take(): Promise<void> {
    await eventLoopTurn();
    this.last = performance.now();
  }
}
