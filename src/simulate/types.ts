// What `simulate` takes and what it returns. The parent process (simulate.ts) and the
// runner it forks for each environment (runner.ts) exchange the protocol types below.

import type { LayerFolder } from '../analysis/moduleResolution';

/** How Node loads the handler module: `import()` for ESM, `require()` for CommonJS. */
export type ModuleFormat = 'esm' | 'commonjs';

export interface SimulateOptions {
  /** The handler module (.js .mjs .cjs .jsx .ts .mts .cts .tsx). */
  file: string;
  /** Property path of the handler export (`handler`, `handlers.create`); absent: found as `migrate` finds it. */
  handler?: string;
  /** One invocation per event, in this order. */
  events: unknown[];
  /** An invocation that has not settled after this long is stopped (default: Lambda's default, 3000 ms). */
  timeoutMs?: number;
  /** Specifier -> file loaded instead (test doubles). Relative paths are taken from the
   * working directory. A specifier ending in `/`, or one whose path is a folder, maps every
   * specifier below it into that folder (`/opt/nodejs` → `layers/common/nodejs`). */
  modules?: Record<string, string>;
  /** Lambda layers whose content is a folder here (`simulate` reads them from the manifests):
   * `/opt/nodejs/X` is `<nodejs>/X`, `/opt/X` is `<opt>/X`, and their nodejs/node_modules are
   * on NODE_PATH, as in Lambda. A `modules` entry wins. */
  layers?: LayerFolder[];
  /** Extra environment variables for the handler's process. */
  env?: Record<string, string>;
  /**
   * Files that something other than the handler (a Lambda extension, a layer's startup
   * script) puts below /tmp before the module loads, so every environment starts with them:
   * path -> contents. Only static paths strictly below /tmp/.
   */
  tmpFiles?: Record<string, string>;
}

export interface ErrorInfo {
  name: string;
  message: string;
  stack?: string;
}

/** What one invocation gave back, in the form Lambda would send it (JSON). */
export type InvocationOutcome =
  | { status: 'ok'; value: unknown }
  | { status: 'error'; error: ErrorInfo }
  | { status: 'timeout'; afterMs: number }
  /** The environment was stopped by an earlier invocation (timeout or crash). */
  | { status: 'not-run'; reason: string };

export interface InvocationRecord {
  outcome: InvocationOutcome;
  /** What the handler wrote to stdout/stderr during this invocation. */
  output: string;
  durationMs: number;
}

/** One execution environment: the module loaded once, then its invocations in order. */
export interface EnvironmentRun {
  loadError?: ErrorInfo;
  /** What the module wrote while it was loading. */
  loadOutput: string;
  /** By the event's index in `SimulateOptions.events`. */
  invocations: Map<number, InvocationRecord>;
}

export interface SimulatedInvocation {
  index: number;
  event: unknown;
  warm: InvocationRecord;
  cold: InvocationRecord;
  /** The warm result equals the cold one. */
  same: boolean;
}

export type Verdict = 'clean' | 'leak' | 'failed';

export interface SimulationResult {
  file: string;
  /** Absent when the file could not be read or the handler not chosen. */
  handler?: string;
  format?: ModuleFormat;
  /** Static paths below /tmp/ emptied before each environment started. */
  tmpPaths: string[];
  /** Of those (and of `tmpFiles`), the paths where something was there before the run: it
   * was moved aside for the simulation and put back after it. */
  setAside?: string[];
  /** Things the reader should know (e.g. the source could not be analysed). */
  notes: string[];
  invocations: SimulatedInvocation[];
  /** Output written while the module loaded (warm environment, then each cold one). */
  loadOutput: string[];
  verdict: Verdict;
  /** For `failed`: the reason in one line. */
  failure?: string;
  /** Something the verdict alone would hide. */
  warning?: string;
  /** For `failed` because of an exception: the error, with its stack. */
  error?: ErrorInfo;
}

/** Sent by the parent to a freshly forked runner. */
export interface RunTask {
  file: string;
  format: ModuleFormat;
  handler: string;
  invocations: Array<{ index: number; event: unknown }>;
  timeoutMs: number;
  /** Package name -> absolute path (a name ending in `/`: every specifier below it). */
  modules: Record<string, string>;
  /** Layer folders `/opt/...` maps to. */
  layers: LayerFolder[];
  /** ESM loader hooks to register (module overrides and TypeScript). */
  hooksPath: string;
}

/** Sent by the runner back to the parent, in this order. */
export type RunnerMessage =
  | { type: 'output'; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'loaded' }
  | { type: 'load-error'; error: ErrorInfo }
  | { type: 'start'; index: number }
  | { type: 'result'; index: number; outcome: InvocationOutcome; durationMs: number }
  /** An uncaught error outside any invocation: the environment is gone. */
  | { type: 'crashed'; error: ErrorInfo }
  | { type: 'finished' };
