// The `migrate` engine: discover files, learn handler names from manifests, run each
// handler module through the selected transforms (read once, parsed once, printed once),
// and, with `write`, replace the files that changed. A library function: it never prints
// and never exits; problems with single files are part of the result.
import fs from 'node:fs';
import path from 'node:path';
import { applyTransforms, isDisabled } from '../analysis/applyTransforms';
import type { Transform, TransformName } from '../analysis/types';
import { discoverFiles, type DiscoveredFile } from './discover';
import { UncommittedChangesError, UsageError } from './errors';
import { filesWithUncommittedChanges, findGitRoot } from './git';
import { handlerNamesFor, locateManifests, readManifests, type ManifestHandlers } from './manifests';
import type { FileResult, MigrateOptions, MigrateResult, MigrateSummary, SkippedResult } from './results';
import { selectTransforms } from './selectTransforms';
import { writeFileAtomic } from './writeAtomic';

const NO_MANIFESTS: ManifestHandlers = { manifests: [], byFile: new Map(), scopes: [], notes: [] };

export async function migrate(options: MigrateOptions = {}): Promise<MigrateResult> {
  const cwd = path.resolve(options.cwd ?? process.cwd());
  const transforms = selectTransforms(options.transforms);
  const discovery = discoverFiles({ paths: options.paths ?? [], cwd, ignore: options.ignore });
  const given = options.handlerNames?.filter(Boolean);
  const manifests = given && given.length > 0 ? NO_MANIFESTS : readManifests(locateManifests(discovery.manifests, discovery.roots, cwd), cwd);
  const shown = (abs: string) => displayPath(abs, cwd);

  const files: FileResult[] = [];
  const skipped: SkippedResult[] = discovery.skipped.map((s) => ({ path: shown(s.path), reason: s.reason }));
  const notes = [...manifests.notes];

  for (const file of discovery.files) {
    const names = handlerNamesFor(file.realPath, manifests, given);
    // a manifest speaks for this file and does not name it: not a handler module
    if (names && names.length === 0) continue;
    const outcome = processFile(file, shown(file.path), transforms, names, options);
    if ('skipped' in outcome) {
      if (outcome.skipped) skipped.push({ path: shown(file.path), reason: outcome.skipped });
      continue;
    }
    const result = outcome.result;
    if (names && !given && !result.error) {
      const absent = names.filter((n) => !result.handlers.includes(n));
      if (absent.length > 0) notes.push(`${result.path}: a manifest names ${absent.map((n) => `"${n}"`).join(', ')}, which the file does not export as a function`);
    }
    if (result.handlers.length > 0 || result.error) files.push(result);
  }

  if (options.write) writeChanges(files, options.force === true);

  return {
    cwd,
    gitRoot: findGitRoot(cwd),
    transforms: transforms.map((t) => t.name),
    manifests: manifests.manifests.map(shown),
    files,
    skipped: skipped.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
    notes,
    wrote: options.write === true,
    summary: summarize(discovery.files.length, files, skipped.length),
  };
}

type Outcome = { result: FileResult } | { skipped: string | null };

function processFile(file: DiscoveredFile, shownPath: string, transforms: Transform[], names: string[] | undefined, options: MigrateOptions): Outcome {
  const base: FileResult = { path: shownPath, absolutePath: file.realPath, handlers: [], changed: false, changes: [], review: [] };
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file.realPath);
  } catch (error: any) {
    return { result: { ...base, error: { message: `could not be read (${error.code ?? error.message})`, line: 0, column: 0 } } };
  }
  if (buffer.includes(0)) return { skipped: 'binary file (contains a NUL byte)' };
  const text = buffer.toString('utf8');
  // cheap pre-check before any parsing: a module that exports nothing holds no handler
  if (!text.includes('export')) return { skipped: null };
  if (isDisabled(text)) return { skipped: 'disabled by a // lambda-clean-slate-disable comment' };

  const source = applyTransforms(text, shownPath, { transforms, handlerNames: names, options: options.transformOptions ?? {} });
  const result: FileResult = { ...base, handlers: source.handlers, changes: source.changes, review: source.review };
  if (source.error) return { result: { ...result, changes: [], error: source.error } };
  if (source.output !== null) {
    // a file that is not valid UTF-8 would be altered beyond the change itself
    if (!Buffer.from(text, 'utf8').equals(buffer)) {
      return { result: { ...result, changes: [], error: { message: 'not valid UTF-8; left unchanged', line: 0, column: 0 } } };
    }
    Object.assign(result, { changed: true, before: text, after: source.output });
  }
  return { result };
}

function writeChanges(files: FileResult[], force: boolean): void {
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
  for (const file of changed) {
    try {
      writeFileAtomic(file.absolutePath, file.after!);
      file.written = true;
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

/** Relative to the working directory when inside it, absolute otherwise. */
export function displayPath(abs: string, cwd: string): string {
  const rel = path.relative(cwd, abs);
  return rel === '' || rel.startsWith('..') || path.isAbsolute(rel) ? abs : rel;
}
