// `lambda-clean-slate simulate FILE`: runs the handler warm and cold and shows where the
// results differ. Exit 0 when warm and cold agree, 1 when they differ (a leak), 2 when the
// handler cannot be loaded or run, or never succeeds. Files the user has at the handler's
// /tmp paths are set aside for the run and put back after it (src/simulate/tmpGuard.ts).
// The simulate library (and with it jscodeshift and esbuild) is required only when the
// command runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import type { LayerFolder } from '../analysis/moduleResolution';
import { UsageError } from '../engine/errors';

export interface SimulateArgs {
  file: string;
  handler?: string;
  event?: string[];
  invocations?: number;
  timeout: number;
  verbose?: boolean;
  module?: string[];
}

export const SIMULATE_EXIT = { clean: 0, leak: 1, failed: 2 } as const;

const DEFAULT_INVOCATIONS = 3;
/** Signals the bin does not handle itself (it handles SIGINT and SIGTERM). */
const HANGUP_SIGNALS = ['SIGHUP', 'SIGQUIT'] as const;
/** More invocations than this say nothing more about a leak and take long. */
const MAX_INVOCATIONS = 100;

export const simulateCommand: CommandModule<object, SimulateArgs> = {
  command: 'simulate <file>',
  describe: 'Run a handler warm (one environment, the events in order) and cold (a fresh environment per event) and show where the results differ',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('file', { describe: 'the handler module (.js .mjs .cjs .ts .mts .cts .tsx)', type: 'string', demandOption: true })
      .option('handler', { type: 'string', describe: 'property path of the handler export, e.g. handler or handlers.create (default: found as migrate finds it)' })
      // one file per occurrence (`nargs: 1`): an array option would also take a handler file written after it
      .option('event', { type: 'string', array: true, nargs: 1, describe: 'a JSON file with one event, repeatable; invoked in this order' })
      .option('invocations', { type: 'number', describe: 'without --event: invoke this many times with an empty event (default: 3)' })
      .option('timeout', { type: 'number', default: 3000, describe: 'stop an invocation that has not settled after this many milliseconds' })
      .option('verbose', { type: 'boolean', describe: "also show the handler's console output and stack traces" })
      .option('module', {
        type: 'string',
        array: true,
        nargs: 1,
        describe: 'SPECIFIER=PATH: load PATH where the handler imports SPECIFIER (a package name or an absolute path such as /opt/nodejs/common.js; a SPECIFIER ending in /, or whose PATH is a folder, maps everything below it to that folder), repeatable. /opt/... of the layers a template.yaml or serverless.yml gives the function is mapped without it',
      })
      .example('$0 simulate src/handler.js', 'three invocations with an empty event')
      .example('$0 simulate src/app.ts --handler lambdaHandler --event a.json --event b.json', 'two events, a named export')
      .example('$0 simulate src/handler.mjs --verbose', "with the handler's own console output")
      .example('$0 simulate functions/orders/app.js --module /opt/nodejs/common.js=layers/common/nodejs/common.js', "a Lambda layer's module, from its folder here") as unknown as Argv<SimulateArgs>,
  handler: async (argv) => {
    process.exitCode = await runSimulate(argv);
  },
};

export async function runSimulate(argv: SimulateArgs): Promise<number> {
  if (!(Number.isInteger(argv.timeout) && argv.timeout > 0)) throw new UsageError('--timeout takes a whole number of milliseconds greater than 0');
  // yargs gives an array when the option is repeated
  if (Array.isArray(argv.handler)) throw new UsageError(`simulate runs one handler at a time; --handler was given ${argv.handler.length} times (${argv.handler.join(', ')})`);
  if (isDirectory(argv.file)) {
    throw new UsageError(`simulate takes one handler file, and ${argv.file} is a directory: name the module in it (e.g. ${path.join(argv.file, 'index.js')})`);
  }
  const { events, labels } = readEvents(argv);
  const modules = readModules(argv.module);
  const layers = layersFromManifests(argv.file);
  const { simulate, formatSimulation } = require('../simulate') as typeof import('../simulate');
  // the terminal closed (SIGHUP) or Ctrl-\ (SIGQUIT): as Ctrl-C, the run ends with the shell's
  // status for the signal, and the user's files are put back on the way out (tmpGuard.ts)
  const stop = (signal: NodeJS.Signals) => {
    process.stderr.write('lambda-clean-slate: interrupted\n');
    process.exit(128 + os.constants.signals[signal]);
  };
  for (const signal of HANGUP_SIGNALS) process.on(signal, stop);
  let result: Awaited<ReturnType<typeof simulate>>;
  try {
    result = await simulate({ file: argv.file, handler: argv.handler ?? handlerFromManifests(argv.file), events, timeoutMs: argv.timeout, modules, layers });
  } finally {
    for (const signal of HANGUP_SIGNALS) process.removeListener(signal, stop);
  }
  process.stdout.write(formatSimulation(result, { verbose: argv.verbose === true, eventLabels: labels }));
  return SIMULATE_EXIT[result.verdict];
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false; // simulate reports a missing file in its own words
  }
}

/** The handler a template.yaml or serverless.yml names for this file (as `migrate` reads
 * them), so that `simulate` runs the export that was migrated; undefined when none does. */
function handlerFromManifests(file: string): string | undefined {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    return undefined; // simulate reports the missing file in its own words
  }
  const { handlerNamesFor, locateManifests, readManifests } = require('../engine/manifests') as typeof import('../engine/manifests');
  const cwd = process.cwd();
  const names = handlerNamesFor(real, readManifests(locateManifests([], [path.dirname(real)], cwd), cwd));
  if (!names || names.length === 0) return undefined;
  if (names.length > 1) throw new UsageError(`the manifests name several handlers in ${file}: ${names.join(', ')}; choose one with --handler`);
  return names[0];
}

/** `--module SPECIFIER=PATH`, each PATH relative to the working directory and present. */
function readModules(given: string[] | undefined): Record<string, string> {
  const modules: Record<string, string> = {};
  for (const entry of given ?? []) {
    const equals = entry.indexOf('=');
    const specifier = equals > 0 ? entry.slice(0, equals).trim() : '';
    const target = equals > 0 ? entry.slice(equals + 1).trim() : '';
    if (!specifier || !target) throw new UsageError(`--module takes SPECIFIER=PATH (e.g. --module /opt/nodejs/common.js=layers/common/nodejs/common.js), not ${entry}`);
    if (!fs.existsSync(target)) throw new UsageError(`--module ${entry}: ${target} was not found`);
    if (specifier.endsWith('/') && !isDirectory(target)) throw new UsageError(`--module ${entry}: ${specifier} ends in /, so ${target} must be a folder`);
    modules[specifier] = path.resolve(target);
  }
  return modules;
}

/** The layers a template.yaml or serverless.yml above the file gives its function (as
 * `migrate` reads them), for `/opt/...` and the layers' node_modules; none when no manifest does. */
function layersFromManifests(file: string): LayerFolder[] | undefined {
  try {
    const { layersForFile } = require('../engine/manifests') as typeof import('../engine/manifests');
    return layersForFile(file, process.cwd())?.roots.map((root) => ({ opt: root.opt, nodejs: root.nodejs }));
  } catch {
    return undefined; // a missing file or an unreadable manifest: simulate says what it can
  }
}

function readEvents(argv: SimulateArgs): { events: unknown[]; labels?: string[] } {
  if (argv.event && argv.event.length > 0) {
    if (argv.invocations !== undefined) {
      throw new UsageError('--invocations goes without --event: each --event file is invoked once, in the order given (give a file again to invoke it again)');
    }
    const events = argv.event.map((file) => {
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (error) {
        throw new UsageError(`cannot read the event file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
      }
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        throw new UsageError(`the event file ${file} is not JSON: ${(error as Error).message}`);
      }
    });
    return { events, labels: argv.event.map((file) => path.basename(file)) };
  }
  const invocations = argv.invocations ?? DEFAULT_INVOCATIONS;
  if (!(Number.isInteger(invocations) && invocations > 0 && invocations <= MAX_INVOCATIONS)) {
    throw new UsageError(`--invocations takes a whole number from 1 to ${MAX_INVOCATIONS}`);
  }
  return { events: Array.from({ length: invocations }, () => ({})) };
}
