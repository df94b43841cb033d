#!/usr/bin/env node
// The command-line entry: parses the command line and hands over to a command in
// src/commands/. Commands load their heavy dependencies themselves, when they run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../src/engine/errors';
import { writeProgress } from '../src/engine/writeProgress';

const verbose = process.argv.includes('--verbose');

// Ctrl-C or a termination request: with a listener, Node delivers the signal between two
// turns of the event loop, which `migrate` takes between two files (every few tens of
// milliseconds while it reads and parses, before each file it writes), so no file is left
// half written and no temporary file is left behind. The run ends there, without its report
// (it would be incomplete), with the shell's exit status for a process ended by the signal
// (130, 143).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // a progress bar on the terminal is erased first
    const erase = process.stderr.isTTY ? '\r\u001b[K' : '';
    // what was written stays written: say how much, so that a rerun is no surprise
    const { planned, written, total } = writeProgress;
    const how =
      total > 0
        ? `; wrote ${written} of ${total} file${total === 1 ? '' : 's'} (each whole; run again to write the rest)`
        : planned
          ? ' before writing any file'
          : '';
    process.stderr.write(`${erase}lambda-clean-slate: interrupted${how}\n`);
    process.exit(128 + os.constants.signals[signal]);
  });
}

// `lambda-clean-slate migrate | head`: a closed pipe ends the output, not the process with a stack trace
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

/** The package's own package.json, found from this file in bin/ or dist/bin/. */
function packageVersion(): string {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) return JSON.parse(fs.readFileSync(file, 'utf8')).version;
  }
  return 'unknown';
}

async function main(): Promise<void> {
  // yargs 18 is ESM-only; a dynamic import loads it from this CommonJS entry
  const { default: yargs } = await import('yargs');
  const { hideBin } = await import('yargs/helpers');
  await yargs(hideBin(process.argv))
    .scriptName('lambda-clean-slate')
    .usage('$0 <command> [options]\n\nMakes AWS Lambda handlers safe under warm starts.')
    .command(require('../src/commands/migrate').migrateCommand)
    .command(require('../src/commands/simulate').simulateCommand)
    .command(require('../src/commands/listTransforms').listTransformsCommand)
    .option('verbose', { type: 'boolean', describe: 'show stack traces of unexpected errors' })
    .demandCommand(1, 'name a command, such as migrate')
    .recommendCommands()
    .strict()
    .version(packageVersion())
    .alias('h', 'help')
    .wrap(null)
    .fail((message, error) => {
      // yargs spreads some messages over lines ("Invalid values:\n  Argument: ..."); one line reads better
      throw error ?? new UsageError(`${message.replace(/:?\s*\n\s*/g, ': ')} (see --help)`);
    })
    .parseAsync();
}

// `--version` alone is answered before yargs loads (about a third of a start-up's time)
if (process.argv.length === 3 && process.argv[2] === '--version') {
  process.stdout.write(`${packageVersion()}\n`);
} else {
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`lambda-clean-slate: ${message}\n`);
    if (verbose && error instanceof Error && !(error instanceof UsageError)) process.stderr.write(`${error.stack}\n`);
    process.exitCode = 2;
  });
}
