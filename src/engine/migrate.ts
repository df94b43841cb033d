// The `migrate` engine: discover files, learn handler names from manifests, run each
// handler module through the selected transforms (read once, parsed once, printed once),
// and, with `write`, replace the files that changed. A library function: it never prints
// and never exits; problems with single files are part of the result.
//
// How the time is spent: every file is read and put through a text pre-check in this
// thread; only files that may hold a handler are parsed: in worker threads, which start
// during the pre-check once there is enough to parse, and in this thread once the pre-check
// is done (workers.ts). Results are gathered by the file's position, so the result is the
// same, in the same order, whichever thread did the work.
import fs from 'node:fs';
import path from 'node:path';
import { isDisabled, type SourceResult } from '../analysis/applyTransforms';
import { DEFAULT_HANDLER_NAME } from '../analysis/handlers';
import type { Transform, TransformName, TransformOptions } from '../analysis/types';
import type { LambdaLayers } from '../analysis/moduleResolution';
import { builtCopiesNotes, builtFromSourceMap, count, separateBuiltCopies, SOURCE_MAPS } from './builtOutput';
import { discoverFiles, type DiscoveredFile } from './discover';
import { UncommittedChangesError, UsageError } from './errors';
import { filesWithUncommittedChanges, findGitRoot } from './git';
import { handlerNamesFor, locateManifests, readManifests, type ManifestHandlers } from './manifests';
import { mayHoldHandler } from './precheck';
import type { FileResult, MigrateOptions, MigrateProgress, MigrateResult, MigrateSummary, SkippedResult } from './results';
import { helperCalls } from './importedExports';
import { inShard } from './shard';
import { selectTransformNames } from './transformNames';
import { transformFile, type FileTask } from './transformFile';
import { EventLoopTurns, eventLoopTurn } from './eventLoopTurns';
import { WorkPool } from './workers';
import { writeFileAtomic } from './writeAtomic';
import { writeProgress } from './writeProgress';

const NO_MANIFESTS: ManifestHandlers = { manifests: [], byFile: new Map(), scopes: [], notes: [], layers: new Map() };

/** A file after reading and the pre-check: settled (not a handler module, skipped, or
 * unreadable), or waiting for its parse. */
type Prepared =
  | { kind: 'settled'; result?: FileResult; skipped?: string; unprocessed?: true; namedButAbsent?: string[]; text?: string }
  | { kind: 'parse'; base: FileResult; buffer: Buffer; text: string; names: string[] | undefined; layers?: LambdaLayers };

export async function migrate(options: MigrateOptions = {}): Promise<MigrateResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const transformNames = selectTransformNames(options.transforms);
  if (options.workers !== undefined && !(Number.isInteger(options.workers) && options.workers >= 0)) {
    throw new UsageError('--workers takes a whole number of worker threads (0: none)');
  }
  Object.assign(writeProgress, { planned: options.write === true, written: 0, total: 0 });
  const discovery = discoverFiles({ paths: options.paths ?? [], cwd, ignore: options.ignore });
  const given = options.handlerNames?.filter(Boolean);
  const located = () => readManifests(locateManifests(discovery.manifests, discovery.roots, cwd), cwd);
  const manifests = given && given.length > 0 ? NO_MANIFESTS : located();
  // the functions' Lambda layers: also read when --handler names the handlers (only the
  // names come from the command line then, not where /opt is)
  const layers = manifests === NO_MANIFESTS ? located().layers : manifests.layers;
  const shown = (abs: string) => displayPath(abs, cwd);
  const gitRoot = findGitRoot(cwd);
  const shard = options.shard;
  const mine = (abs: string) => !shard || inShard(abs, gitRoot ?? cwd, shard);

  // tsc output next to its sources (an outDir git does not ignore): the sources are migrated
  const separated = separateBuiltCopies(discovery.files, gitRoot ?? cwd, mine, discovery.tsconfigs);
  const built = separated.built;
  const scanned = separated.files.filter((f) => mine(f.path));
  // what the summary counts as scanned: also the built copies, looked at and set aside
  const scannedCount = discovery.files.filter((f) => mine(f.path)).length;
  const skipped: SkippedResult[] = discovery.skipped.filter((s) => mine(s.path)).map((s) => ({ ...s, path: shown(s.path) }));
  const notes = [...manifests.notes];
  const progress = progressReporter(scanned.length, options.onProgress);

  const { prepared, parsed } = await prepareAndParse(scanned, {
    transformNames,
    options,
    progress,
    prepare: (file) => {
      const names = handlerNamesFor(file.realPath, manifests, given);
      // a manifest speaks for this file and does not name it: not a handler module
      if (names && names.length === 0) return { kind: 'settled' };
      const entry = prepareFile(file, shown(file.path), names);
      // the Lambda layers of its functions: where the analysis reads `/opt/...` from
      if (entry.kind === 'parse' && layers.has(file.realPath)) entry.layers = layers.get(file.realPath);
      // a built file outside any outDir: its source map names its source, in this run
      if (entry.kind === 'parse' && builtFromSourceMap(file, entry.text, built)) {
        count(built, SOURCE_MAPS);
        return { kind: 'settled' };
      }
      return entry;
    },
  });

  if (!given) {
    // (every file of the run is asked, also those of other shards: each shard decides alike)
    notes.push(...takeHelpersCalledByHandlers(scanned, prepared, parsed, { all: discovery.files, root: gitRoot ?? cwd, transformNames, transformOptions: options.transformOptions ?? {}, shown }));
  }

  const files: FileResult[] = [];
  prepared.forEach((entry, i) => {
    const result = entry.kind === 'parse' ? parsed.get(i)! : entry.result;
    if (entry.kind === 'settled' && entry.skipped) skipped.push({ path: shown(scanned[i].path), reason: entry.skipped, ...(entry.unprocessed && { unprocessed: true }) });
    if (entry.kind === 'settled' && entry.namedButAbsent && !given) notes.push(...absentNotes(shown(scanned[i].path), entry.namedButAbsent, entry.text ?? ''));
    if (!result) return;
    const names = entry.kind === 'parse' ? entry.names : undefined;
    if (names && !given && !result.error) {
      const absent = names.filter((n) => !result.handlers.includes(n));
      if (absent.length > 0) notes.push(...absentNotes(result.path, absent, entry.kind === 'parse' ? entry.text : ''));
    }
    // `export default async (event) => ...` with nothing naming `default`: left alone, as the
    // rule says, but said (one line), since it looks like a handler
    if (entry.kind === 'parse' && !names && !given && result.handlers.length === 0 && !result.error && DEFAULT_EVENT_EXPORT.test(entry.text)) {
      notes.push(`${result.path}: its default export takes \`event\` but is no handler here: \`export default\` and \`module.exports = fn\` count as a handler only when a manifest or --handler names \`default\` (Lambda looks a handler up by name); left alone`);
    }
    if (result.handlers.length > 0 || result.error) files.push(result);
  });

  notes.push(...builtCopiesNotes(built, shown));

  // a mistyped --handler must not pass a CI check in silence
  if (given && given.length > 0) {
    const found = new Set(files.flatMap((f) => f.handlers));
    const missing = given.filter((name) => !found.has(name));
    if (missing.length > 0) notes.push(`--handler ${missing.map((n) => `"${n}"`).join(', ')}: no file exports a function under ${missing.length === 1 ? 'that name' : 'these names'}`);
  }

  if (options.write) await writeChanges(files, options.force === true);

  return {
    cwd,
    gitRoot,
    transforms: transformNames,
    // (one above the working directory as `../template.yaml`: a run from a function's folder
    // reads the project's manifest, and its absolute path would only show where CI checked out)
    manifests: manifests.manifests.map((abs) => manifestPath(abs, cwd)),
    files,
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    notes,
    wrote: options.write === true,
    summary: summarize(scannedCount, files, skipped.length),
  };
}

/** `export default async (event) =>`, `export default function (event, context)`,
 * `module.exports = async function handle(event)`: a default export whose first parameter is `event`. */
const DEFAULT_EVENT_EXPORT = /(?:\bexport\s+default|\bmodule\s*\.\s*exports\s*=)\s*(?:async\s+)?(?:function\b\s*\*?\s*[\w$]*\s*\(\s*event\b|\(\s*event\b|event\s*=>)/;

function absentNotes(shownPath: string, names: string[], text: string): string[] {
  const reexported = names.map((name) => [name, reexportOf(text, name)] as const);
  const here = reexported.filter(([, from]) => from === null).map(([name]) => name);
  const notes = reexported
    .filter((entry): entry is readonly [string, { source: string; local: string }] => entry[1] !== null)
    .map(([name, from]) => `${shownPath}: a manifest names "${name}", which the file re-exports from '${from.source}'${from.local === name ? '' : ` (as \`${from.local}\` there)`}; the handler's code, and its state, are in that module: run lambda-clean-slate on it with --handler ${from.local}`);
  if (here.length > 0) notes.unshift(`${shownPath}: a manifest names ${here.map((n) => `"${n}"`).join(', ')}, which the file does not export as a function`);
  return notes;
}

/** `export { consume as handler } from './lib/consume.js'` (or `export { handler } from ...`)
 * for the export `name`: the module and the name there; null when the text has none. */
function reexportOf(text: string, name: string): { source: string; local: string } | null {
  const top = name.split('.')[0];
  for (const match of text.matchAll(/\bexport\s*(?:type\s*)?\{([^}]*)\}\s*from\s*(['"])([^'"]+)\2/g)) {
    for (const part of match[1].split(',')) {
      const m = /^\s*([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
      if (m && (m[2] ?? m[1]) === top) return { source: match[3], local: m[1] };
    }
  }
  const required = requiredExportOf(text, name);
  if (required) return required;
  // everything another module exports: `export * from './impl'`, `module.exports = require('./impl')`
  // (not `require('./impl').part`, which requiredExportOf reads)
  const all = /\bexport\s*\*\s*from\s*(['"])([^'"]+)\1/.exec(text) ?? /\bmodule\s*\.\s*exports\s*=\s*require\s*\(\s*(['"])([^'"]+)\1\s*\)(?!\s*[.[])/.exec(text);
  return all ? { source: all[2], local: name } : null;
}

/** A CommonJS export `name` taken from a property of another module:
 * `exports.handler = require('./lib/impl').process`, `module.exports = { handler: require('./x').y }`,
 * the same through a binding (`const { process } = require('./lib/impl'); exports.handler = process`,
 * `const run = require('./x').y`), and `module.exports = require('./x').handlers`. The module
 * and the name there; null when the text has none of these. */
function requiredExportOf(text: string, name: string): { source: string; local: string } | null {
  const [top, ...rest] = name.split('.');
  const there = (local: string) => [local, ...rest].join('.');
  const key = top.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // (a property that is called or looked into, `require('./x').make(config)`, is no re-export)
  const REQUIRED = String.raw`require\s*\(\s*(['"])([^'"]+)\1\s*\)\s*\.\s*([\w$]+)(?![\w$]|\s*[.([])`;
  // what the export is assigned: `exports.NAME =`, `exports['NAME'] =`, `NAME:` in an object
  // the module exports whole, or `{ NAME }` (a binding of that name)
  const whole = /\bmodule\s*\.\s*exports\s*=/.test(text);
  const values: string[] = [];
  for (const m of text.matchAll(new RegExp(String.raw`\bexports\s*(?:\.\s*${key}|\[\s*(['"])${key}\1\s*\])\s*=(?![=>])\s*([^;\n]+)`, 'g'))) values.push(m[2]);
  if (whole) {
    for (const m of text.matchAll(new RegExp(String.raw`(?<![\w$.])(['"]?)${key}\1\s*:\s*([^,}\n]+)`, 'g'))) values.push(m[2]);
    if (new RegExp(String.raw`[{,]\s*${key}\s*[,}]`).test(text)) values.push(top);
  }
  for (const value of values) {
    const direct = new RegExp(String.raw`^\s*${REQUIRED}`).exec(value);
    if (direct) return { source: direct[2], local: there(direct[3]) };
    const binding = /^\s*([\w$]+)\s*$/.exec(value)?.[1];
    const from = binding && requiredBinding(text, binding);
    if (from) return { source: from.source, local: there(from.local) };
    // `var reports = require('./impl/reports'); exports.reports = reports.generate` (or a
    // binding to `require('./x').y`: `y.generate` there)
    const member = /^\s*([\w$]+)\s*\.\s*([\w$]+)\s*$/.exec(value);
    const holder = member && (requiredModule(text, member[1]) ?? requiredBinding(text, member[1]));
    if (member && holder) return { source: holder.source, local: there(holder.local ? `${holder.local}.${member[2]}` : member[2]) };
  }
  const part = new RegExp(String.raw`\bmodule\s*\.\s*exports\s*=\s*${REQUIRED}`).exec(text);
  return part ? { source: part[2], local: `${part[3]}.${name}` } : null;
}

/** `const impl = require('./x')` for the binding `binding`: the module (`local` empty: the
 * module's exports themselves); null when the text has none. */
function requiredModule(text: string, binding: string): { source: string; local: string } | null {
  const name = binding.replace(/\$/g, '\\$');
  const m = new RegExp(String.raw`\b(?:const|let|var)\s+${name}\s*=\s*require\s*\(\s*(['"])([^'"]+)\1\s*\)(?!\s*[.([\w$])`).exec(text);
  return m ? { source: m[2], local: '' } : null;
}

/** `const run = require('./x').y` or `const { y: run } = require('./x')` (`{ run }` for y =
 * run) for the binding `binding`: the module and the property; null when the text has none. */
function requiredBinding(text: string, binding: string): { source: string; local: string } | null {
  const name = binding.replace(/\$/g, '\\$');
  const single = new RegExp(String.raw`\b(?:const|let|var)\s+${name}\s*=\s*require\s*\(\s*(['"])([^'"]+)\1\s*\)\s*\.\s*([\w$]+)(?![\w$]|\s*[.([])`).exec(text);
  if (single) return { source: single[2], local: single[3] };
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*(['"])([^'"]+)\2\s*\)/g)) {
    for (const part of m[1].split(',')) {
      const p = /^\s*([\w$]+)(?:\s*:\s*([\w$]+))?\s*$/.exec(part);
      if (p && (p[2] ?? p[1]) === binding) return { source: m[3], local: p[1] };
    }
  }
  return null;
}

/** Without handler names, an export is a handler by its name `handler` or by a first
 * parameter named `event`, which a helper has too (`parseBody(event)` in a shared module).
 * Files taken for handler modules by that parameter alone are migrated again, in this thread,
 * without the exports that handlers of other files call with their event
 * (./importedExports.ts). Returns a note for each export so taken for a helper. */
function takeHelpersCalledByHandlers(
  scanned: DiscoveredFile[],
  prepared: Prepared[],
  parsed: Map<number, FileResult>,
  context: { all: DiscoveredFile[]; root: string; transformNames: TransformName[]; transformOptions: TransformOptions; shown: (abs: string) => string },
): string[] {
  const asked = new Map<string, string[]>();
  const ids = new Map<string, number>();
  for (const [id, result] of parsed) {
    const entry = prepared[id];
    if (entry.kind !== 'parse' || entry.names || result.error) continue;
    const byParameter = result.review.some((r) => r.kind === 'handler-by-parameter') ? result.handlers.filter((name) => name !== DEFAULT_HANDLER_NAME) : [];
    if (byParameter.length === 0) continue;
    asked.set(scanned[id].realPath, byParameter);
    ids.set(scanned[id].realPath, id);
  }
  if (asked.size === 0) return [];
  const texts = new Map(scanned.map((file, id) => [file.realPath, prepared[id].text]));
  const found = helperCalls(asked, context.all.map((file) => ({ realPath: file.realPath, text: texts.get(file.realPath) })), context.root);
  const notes: string[] = [];
  let transforms: Transform[] | undefined;
  for (const [target, byName] of found) {
    const id = ids.get(target)!;
    const entry = prepared[id] as Extract<Prepared, { kind: 'parse' }>;
    transforms ??= (require('./selectTransforms') as typeof import('./selectTransforms')).selectTransforms(context.transformNames);
    const source = transformFile(taskOf(id, entry, [...byName.keys()]), transforms, context.transformOptions);
    parsed.set(id, fileResult(entry, source));
    for (const [name, importers] of byName) {
      const others = importers.length > 1 ? ` (and ${importers.length - 1} more file${importers.length > 2 ? 's' : ''})` : '';
      notes.push(
        `${entry.base.path}: \`${name}\` takes \`event\`, but ${context.shown(importers[0])}${others} imports it and calls it with its own event: taken for a helper of that handler, not a Lambda handler, so it is not migrated as one; if Lambda calls it too, name the handlers in a manifest or with --handler`,
      );
    }
  }
  return notes;
}

/** What a worker (or this thread) needs to migrate a file. */
function taskOf(id: number, entry: Extract<Prepared, { kind: 'parse' }>, imported?: string[]): FileTask {
  return { id, path: entry.base.path, text: entry.text, names: entry.names, layers: entry.layers, modulePath: entry.base.absolutePath, ...(imported && { imported }) };
}

/** Reads a file and decides, from its text alone, whether it needs parsing. */
function prepareFile(file: DiscoveredFile, shownPath: string, names: string[] | undefined): Prepared {
  const base: FileResult = { path: shownPath, absolutePath: file.realPath, handlers: [], changed: false, changes: [], review: [] };
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file.realPath);
  } catch (error: any) {
    return { kind: 'settled', result: { ...base, error: { message: `could not be read (${error.code ?? error.message})`, line: 0, column: 0 } } };
  }
  if (buffer.includes(0)) return { kind: 'settled', skipped: 'binary file (contains a NUL byte)', unprocessed: true };
  const text = buffer.toString('utf8');
  // a manifest names exports the text cannot hold: said, as for a file that was parsed
  // (without handler names the text is kept when it calls something with `event`: that may
  // show an export taken for a handler to be a helper, see takeHelpersCalledByHandlers; ''
  // says it calls nothing so, and need not be read again)
  if (!mayHoldHandler(text, names)) return names && names.length > 0 ? { kind: 'settled', namedButAbsent: names, text } : { kind: 'settled', text: names ? undefined : text.includes('(event') ? text : '' };
  if (isDisabled(text)) return { kind: 'settled', skipped: 'disabled by a // lambda-clean-slate-disable comment' };
  return { kind: 'parse', base, buffer, text, names };
}

interface ParseContext {
  transformNames: TransformName[];
  options: MigrateOptions;
  progress: ProgressReporter;
  prepare(file: DiscoveredFile): Prepared;
}

/** Reads every file and, for those that pass the pre-check, parses and transforms them:
 * in worker threads, which start while files are still being read once there is enough to
 * parse, and in this thread when reading is done. Results are kept by position. */
async function prepareAndParse(scanned: DiscoveredFile[], context: ParseContext): Promise<{ prepared: Prepared[]; parsed: Map<number, FileResult> }> {
  const { options, progress } = context;
  const prepared: Prepared[] = [];
  const parsed = new Map<number, FileResult>();
  const transformOptions = options.transformOptions ?? {};
  // a signal (Ctrl-C) is handled between two files, also while this thread does all the work
  const turns = new EventLoopTurns();
  const pool = new WorkPool({
    turns,
    requested: options.workers,
    setup: { transformNames: context.transformNames, transformOptions },
    onResult: (id, source) => {
      const result = fileResult(prepared[id] as Extract<Prepared, { kind: 'parse' }>, source);
      parsed.set(id, result);
      progress.fileDone(result);
    },
    onWorkers: (count) => progress.useWorkers(count),
  });

  for (let id = 0; id < scanned.length; id++) {
    const entry = context.prepare(scanned[id]);
    prepared.push(entry);
    if (entry.kind === 'settled') progress.fileDone(entry.result);
    else pool.add(taskOf(id, entry));
    // now and then, let the workers' answers in and hand them their next tasks
    if (pool.workerCount > 0 && id % 32 === 31) await new Promise((resolve) => setImmediate(resolve));
    if (turns.due()) await turns.take();
  }

  // loaded only when this thread parses: the transforms load jscodeshift, which takes a while
  let transforms: Transform[] | undefined;
  await pool.finish((task) => {
    transforms ??= (require('./selectTransforms') as typeof import('./selectTransforms')).selectTransforms(context.transformNames);
    return transformFile(task, transforms, transformOptions);
  });
  return { prepared, parsed };
}

function fileResult(entry: Extract<Prepared, { kind: 'parse' }>, source: SourceResult): FileResult {
  const result: FileResult = { ...entry.base, handlers: source.handlers, changes: source.changes, review: source.review };
  if (source.error) return { ...result, changes: [], error: source.error };
  if (source.output !== null) {
    // a file that is not valid UTF-8 would be altered beyond the change itself
    if (!Buffer.from(entry.text, 'utf8').equals(entry.buffer)) {
      return { ...result, changes: [], error: { message: 'not valid UTF-8; left unchanged', line: 0, column: 0 } };
    }
    Object.assign(result, { changed: true, before: entry.text, after: source.output });
  }
  return result;
}

interface ProgressReporter {
  fileDone(result: FileResult | undefined): void;
  useWorkers(count: number): void;
}

function progressReporter(total: number, onProgress: MigrateOptions['onProgress']): ProgressReporter {
  const state: MigrateProgress = { done: 0, total, handlerModules: 0, workers: 0 };
  return {
    fileDone(result) {
      state.done++;
      if (result && result.handlers.length > 0) state.handlerModules++;
      onProgress?.({ ...state });
    },
    useWorkers(count) {
      state.workers = count;
    },
  };
}

async function writeChanges(files: FileResult[], force: boolean): Promise<void> {
  const changed = files.filter((f) => f.changed);
  if (!force) {
    const dirty = new Set<string>();
    const byRepository = new Map<string, string[]>();
    for (const file of changed) {
      const root = findGitRoot(path.dirname(file.absolutePath));
      if (root) byRepository.set(root, [...(byRepository.get(root) ?? []), file.absolutePath]);
    }
    for (const [root, paths] of byRepository) {
      try {
        for (const p of filesWithUncommittedChanges(root, paths)) dirty.add(p);
      } catch (error: any) {
        throw new UsageError(`cannot check ${root} for uncommitted changes (git status failed: ${String(error.stderr || error.message).trim()}); pass --force to write anyway`);
      }
    }
    const refused = changed.filter((f) => dirty.has(f.absolutePath));
    if (refused.length > 0) throw new UncommittedChangesError(refused.map((f) => f.path));
  }
  writeProgress.total = changed.length;
  writeProgress.written = 0;
  for (const file of changed) {
    // a full turn of the event loop before each file: a signal handler (the command line's,
    // for Ctrl-C) runs between two files, never while one is half done
    await eventLoopTurn();
    try {
      writeFileAtomic(file.absolutePath, file.after!);
      file.written = true;
      writeProgress.written++;
    } catch (error: any) {
      file.error = { message: `could not be written (${error.code ?? error.message})`, line: 0, column: 0 };
    }
  }
}

function summarize(filesScanned: number, files: FileResult[], skipped: number): MigrateSummary {
  const changesByTransform: Partial<Record<TransformName, number>> = {};
  for (const file of files) {
    for (const change of file.changes) changesByTransform[change.transform] = (changesByTransform[change.transform] ?? 0) + 1;
  }
  return {
    filesScanned,
    handlerModules: files.filter((f) => f.handlers.length > 0).length,
    filesChanged: files.filter((f) => f.changed && !f.error).length,
    changesByTransform,
    reviewItems: files.reduce((n, f) => n + f.review.length, 0),
    errors: files.filter((f) => f.error).length,
    skipped,
  };
}

/** A manifest's path for reports: relative to the working directory, also above it (`../template.yaml`);
 * absolute only on another drive. */
function manifestPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || path.isAbsolute(rel) ? abs : rel.split(path.sep).join('/');
}

/** Relative to the working directory when inside it, absolute otherwise. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}
