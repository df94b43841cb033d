// `lambda-clean-slate migrate`: options, then the engine, then the report and the exit
// code. Everything heavy (jscodeshift, the transforms, the diff library) is required inside
// the handler, so that `--version` and `--help` stay fast.
import fs from 'node:fs';
import path from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { UsageError } from '../engine/errors';
import { parserFor } from '../analysis/parser';
import { errorLocation } from '../engine/formats/summary';
import type { MigrateResult } from '../engine/results';

export interface MigrateArgs {
  paths?: string[];
  /** yargs' positionals outside `paths`: the command's name, then what follows `--`. */
  _?: (string | number)[];
  write?: boolean;
  check?: boolean;
  /** Absent: from the extension of --output, else `diff`. */
  format?: string;
  output?: string;
  transforms?: string[];
  handler?: string[];
  ignore?: string[];
  force: boolean;
  cacheTtl?: number;
  clientCheck: 'local' | 'ping';
  color?: boolean;
  workers?: number;
  shard?: string;
  /** The global `--verbose` (bin/lambda-clean-slate.ts). */
  verbose?: boolean;
}

/** Exit codes (see the README): 0 done, 1 `--check` found changes, 2 usage error or a file
 * that could not be processed. */
export const EXIT = { done: 0, changesFound: 1, failed: 2 } as const;

export const migrateCommand: CommandModule<object, MigrateArgs> = {
  command: 'migrate [paths..]',
  describe: 'Show (or with --write apply) the changes that make Lambda handlers start clean on warm starts',
  builder: (yargs: Argv<object>) =>
    yargs
      .positional('paths', { describe: 'files or directories to migrate (default: .)', type: 'string', array: true })
      .option('write', { alias: 'w', type: 'boolean', describe: 'apply the changes (default: a dry run that changes nothing)' })
      .option('check', { type: 'boolean', describe: 'exit 1 when any file would change; writes nothing (for CI)' })
      .option('format', {
        type: 'string',
        // the format registry is small, and loaded only when this command is parsed
        choices: require('../engine/formats').formatNames() as string[],
        // a value is required: `--format` at the end of the line is a usage error, not the default
        requiresArg: true,
        describe: 'report format (default: diff; with --output, the one its extension names: .md, .json, .sarif or .sarif.json, .patch or .diff for a patch)',
      })
      .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'write the report to this file instead of stdout' })
      // one value per occurrence (`nargs: 1`): an array option would also take the paths written after it
      // (`--ignore 'vendor/**' src` ignoring `src` and running on `.`)
      .option('transforms', { type: 'string', array: true, nargs: 1, describe: 'comma list of transforms to run: globals,tmp,clients,container-id (default: all)' })
      .option('handler', { type: 'string', array: true, nargs: 1, describe: 'handler export name, repeatable or comma-separated (default: from template.yaml / serverless.yml, else `handler` and functions taking `event`)' })
      .option('ignore', { type: 'string', array: true, nargs: 1, describe: 'gitignore-style pattern to skip, repeatable (.gitignore and node_modules are always honoured)' })
      .option('force', { type: 'boolean', default: false, describe: 'allow --write when files it would touch have uncommitted changes' })
      .option('cache-ttl', { type: 'number', requiresArg: true, describe: 'give lazy caches an expiry of this many seconds' })
      .option('client-check', { type: 'string', choices: ['local', 'ping'] as const, default: 'local' as const, describe: 'how clients are checked before reuse: `local` reads their state (no network round trip); `ping` also sends a ping (pg, mysql2, ioredis) and replaces a client that gives no answer within a second' })
      .option('color', { type: 'boolean', describe: 'colour the diff (default: when stdout is a terminal and NO_COLOR is not set)' })
      .option('workers', { type: 'number', requiresArg: true, describe: 'worker threads that parse and transform files beside the main thread; 0: none (default: one per MiB of files to parse, up to one per core besides the main thread; none for small runs)' })
      .option('shard', { type: 'string', requiresArg: true, describe: 'only the files of shard I of N, such as 2/4 (split by a hash of each path), to spread a run over a CI matrix' })
      .conflicts('write', 'check')
      .example('$0 migrate src/', 'preview: print the diff and a summary, change nothing')
      .example('$0 migrate src/ --write', 'apply the changes')
      .example('$0 migrate src/ --check --format summary', 'CI: exit 1 when code needs migrating')
      .example('$0 migrate --format patch > clean-slate.patch && git apply clean-slate.patch', 'review and apply as a patch')
      .example('$0 migrate src/ --transforms container-id --handler main', 'one transform, handlers exported as `main`')
      .epilogue(helpRequested() ? transformsEpilogue() : '') as unknown as Argv<MigrateArgs>,
  handler: async (argv) => {
    process.exitCode = await runMigrate(argv);
  },
};

/** Stops with a usage error when the report could not be written to `file`. */
function checkOutputPath(file: string): void {
  const target = path.resolve(file);
  let stat: fs.Stats | null = null;
  try {
    stat = fs.statSync(target);
  } catch {
    // not there yet: its directory must be
  }
  if (stat?.isDirectory()) throw new UsageError(`--output ${file}: is a directory`);
  // the report must never take the place of source code (`--output handler.js`), nor of a
  // file the run reads (`--output serverless.yml`), also through a link
  let real = target;
  try {
    real = fs.realpathSync(target);
  } catch {
    // not there yet
  }
  for (const candidate of new Set([target, real])) {
    if (parserFor(candidate)) throw new UsageError(`--output ${file}: is a JavaScript or TypeScript file; write the report to a file of its own (report.md, report.sarif, ...)`);
    const input = inputKind(path.basename(candidate));
    if (input) throw new UsageError(`--output ${file}: would overwrite ${input}, an input of the run; write the report to a file of its own (report.md, report.sarif, ...)`);
  }
  try {
    fs.accessSync(stat ? target : path.dirname(target), fs.constants.W_OK);
  } catch (error: any) {
    throw new UsageError(`--output ${file}: cannot be written (${error.code ?? error.message})`);
  }
}

/** What a file of this name is to a run that reads it (or would, where it is), or null:
 * the manifests that name handlers, tsconfig.json (and the tsconfig.*.json it extends),
 * package.json, .gitignore. */
function inputKind(name: string): string | null {
  const lower = name.toLowerCase();
  const { MANIFEST_NAMES } = require('../engine/discover') as typeof import('../engine/discover');
  if (MANIFEST_NAMES.has(lower)) return 'a deployment manifest';
  if (/^tsconfig(\..*)?\.json$/.test(lower)) return 'a TypeScript configuration';
  if (lower === 'package.json') return 'a package manifest';
  if (lower === '.gitignore') return 'a .gitignore';
  return null;
}

/** `--handler a,b` as the Action's `handler` input takes it (a handler name has no comma);
 * a name left empty is a mistake, not a request for the default rule. */
function handlerNames(given: string[] | undefined): string[] | undefined {
  if (given === undefined) return undefined;
  const names = given.flatMap((name) => String(name).split(',')).map((name) => name.trim());
  if (names.some((name) => name === '')) throw new UsageError(`--handler takes export names (handler, handlers.create), separated by commas; got ${given.map((g) => JSON.stringify(g)).join(', ')}`);
  return names;
}

export async function runMigrate(argv: MigrateArgs): Promise<number> {
  if (argv.cacheTtl !== undefined && !(Number.isInteger(argv.cacheTtl) && argv.cacheTtl > 0)) {
    throw new UsageError('--cache-ttl takes a whole number of seconds greater than 0');
  }
  const { migrate } = require('../engine/migrate') as typeof import('../engine/migrate');
  const { getFormat } = require('../engine/formats') as typeof import('../engine/formats');
  const formatName = argv.format ?? formatOfOutput(argv.output) ?? 'diff';
  const format = getFormat(formatName);
  if (!format) throw new UsageError(`unknown format: ${formatName}`);

  // a report that cannot be written must stop the run before --write changes any file
  if (argv.output) checkOutputPath(argv.output);
  const { parseShard } = require('../engine/shard') as typeof import('../engine/shard');
  const shard = argv.shard === undefined ? undefined : parseShard(argv.shard);
  const { createProgressBar } = require('../engine/progress') as typeof import('../engine/progress');
  const progress = createProgressBar(process.stderr);

  // paths after `--` (`migrate -- -odd-name/`) come in yargs' `_`, after the command's name
  const afterSeparator = (argv._ ?? []).slice(1).map(String);
  const paths = [...(argv.paths ?? []), ...afterSeparator];
  const result = await migrate({
    paths: paths.length > 0 ? paths : ['.'],
    transforms: argv.transforms,
    handlerNames: handlerNames(argv.handler),
    ignore: argv.ignore,
    write: argv.write === true,
    force: argv.force,
    transformOptions: { cacheTtl: argv.cacheTtl, clientCheck: argv.clientCheck },
    workers: argv.workers,
    shard,
    onProgress: progress ? (p) => progress.update(p) : undefined,
  }).finally(() => progress?.finish());

  const report = format.render(result, { color: format.name !== 'patch' && wantsColor(argv) });
  if (argv.output) fs.writeFileSync(argv.output, report);
  else process.stdout.write(report);

  // a patch has no place for problems: they go to stderr, one line each, so that exit 2 is explained
  if (format.name === 'patch') {
    for (const file of result.files) {
      if (file.error) process.stderr.write(`lambda-clean-slate: ${errorLocation(file)}  ${file.error.message}\n`);
    }
    for (const skipped of result.skipped) {
      if (skipped.unprocessed) process.stderr.write(`lambda-clean-slate: ${skipped.path}  ${skipped.reason}\n`);
    }
  }
  if (argv.verbose) process.stderr.write(failureStacks(result));
  if (argv.write) {
    const written = result.files.filter((f) => f.written).length;
    process.stderr.write(`lambda-clean-slate: ${written === 0 ? 'nothing to write' : `wrote ${written} file${written === 1 ? '' : 's'}`}\n`);
  }
  if (result.summary.errors > 0 || result.skipped.some((s) => s.unprocessed)) return EXIT.failed;
  if (argv.check && result.summary.filesChanged > 0) return EXIT.changesFound;
  return EXIT.done;
}

/** Describing the transforms loads them (and jscodeshift), which only `migrate --help` needs
 * before the run; yargs builds the epilogue whether or not help is shown. */
function helpRequested(): boolean {
  return process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h');
}

function transformsEpilogue(): string {
  const { describeTransforms } = require('../engine/transformCatalog') as typeof import('../engine/transformCatalog');
  const { transformTable } = require('./listTransforms') as typeof import('./listTransforms');
  return `Transforms (--transforms), in the order they run:\n${transformTable(describeTransforms(), '  ')}`;
}

/** The format an --output file's extension names (`report.md`: markdown), or undefined. */
function formatOfOutput(output: string | undefined): string | undefined {
  const name = output ? path.basename(output).toLowerCase() : '';
  // `report.sarif.json`, as SARIF uploads are often named, is SARIF
  if (name.endsWith('.sarif.json')) return 'sarif';
  // (`.diff` too means a file for `git apply`, not the terminal's diff with a summary)
  return ({ '.md': 'markdown', '.markdown': 'markdown', '.json': 'json', '.sarif': 'sarif', '.patch': 'patch', '.diff': 'patch' } as Record<string, string>)[path.extname(name)];
}

/** `--color`/`--no-color` first, then NO_COLOR (https://no-color.org), then: a terminal. */
function wantsColor(argv: MigrateArgs): boolean {
  if (argv.color !== undefined) return argv.color;
  if (process.env.NO_COLOR) return false;
  return !argv.output && process.stdout.isTTY === true;
}

/** `--verbose`: the stack of each failure of the tool itself on a file (an internal error,
 * which the report shows in one line), for the bug report the message asks for. */
export function failureStacks(result: MigrateResult): string {
  return result.files
    .filter((file) => file.error?.stack)
    .map((file) => `lambda-clean-slate: ${errorLocation(file)}  ${file.error!.message}\n${file.error!.stack}\n`)
    .join('');
}
