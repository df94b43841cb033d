// Which files a run looks at: the source files under the given paths, minus what git
// would ignore, what `--ignore` names and node_modules; symbolic links are followed only
// when they stay inside the given paths. Files are not read here (the pipeline reads each
// file once); only their size is looked at.
import fs from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { parserFor } from '../analysis/parser';
import { UsageError } from './errors';
import { findGitRoot } from './git';
import { TSCONFIG_NAMES } from './tsconfig';

/** Files larger than this are generated or bundled code, not handlers someone maintains. */
export const MAX_FILE_BYTES = 1024 * 1024;

/** Manifests that name handlers; collected during the same walk. */
export const MANIFEST_NAMES = new Set(['template.yaml', 'template.yml', 'serverless.yml', 'serverless.yaml']);

/** Dependencies, git's own data, and the build output of SAM and the Serverless Framework
 * (copies of the sources, with their own template.yaml). */
const ALWAYS_SKIPPED_DIRECTORIES = new Set(['node_modules', '.git', '.aws-sam', '.serverless']);

export interface DiscoverOptions {
  /** Files or directories, relative to `cwd` or absolute. */
  paths: string[];
  cwd: string;
  /** `--ignore` patterns, gitignore syntax, relative to `cwd`. */
  ignore?: string[];
}

export interface DiscoveredFile {
  /** Absolute path as reached from the given paths. */
  path: string;
  /** Absolute path with symbolic links resolved: the file that is read and written. */
  realPath: string;
  size: number;
}

export interface SkippedFile {
  path: string;
  reason: string;
  /** A path the run should have looked at and could not (see SkippedResult). */
  unprocessed?: true;
}

export interface Discovery {
  files: DiscoveredFile[];
  manifests: string[];
  skipped: SkippedFile[];
  /** The resolved given paths, for "inside the given paths" checks. */
  roots: string[];
  /** The tsconfig files (see TSCONFIG_NAMES in ./tsconfig.ts) in each directory the walk read, by the
   * directory's path as reached (none: an empty list); what tells built files from sources. */
  tsconfigs: Map<string, string[]>;
}


/** One `.gitignore`, with the directory its patterns are relative to. */
interface IgnoreRules {
  dir: string;
  rules: Ignore;
}

export function discoverFiles(options: DiscoverOptions): Discovery {
  const { cwd } = options;
  const given = (options.paths.length > 0 ? options.paths : ['.']).map((p) => path.resolve(cwd, p));
  // a path that does not exist stops the run only when it is all there is to look at
  const missing = given.filter((p) => !fs.existsSync(p));
  if (missing.length === given.length) {
    throw new UsageError(`${missing.length === 1 ? 'path does not exist' : 'paths do not exist'}: ${missing.map((p) => path.relative(cwd, p) || '.').join(', ')}`);
  }
  const existing = given.filter((p) => !missing.includes(p));
  const roots = existing.map((p) => fs.realpathSync(p));
  const userRules = ignore().add(options.ignore ?? []);
  const files = new Map<string, DiscoveredFile>();
  const manifests = new Set<string>();
  const skipped: SkippedFile[] = missing.map((p) => ({ path: p, reason: 'does not exist', unprocessed: true }));
  const visitedDirectories = new Set<string>();
  const tsconfigs = new Map<string, string[]>();

  const insideRoots = (real: string) => roots.some((root) => real === root || real.startsWith(root + path.sep));
  const ignoredByUser = (abs: string, isDirectory: boolean) => {
    const rel = path.relative(cwd, abs);
    if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
    return userRules.ignores(toPosix(rel) + (isDirectory ? '/' : ''));
  };

  const addFile = (abs: string, real: string, stat: fs.Stats, named: boolean) => {
    if (MANIFEST_NAMES.has(path.basename(abs))) {
      manifests.add(real);
      return;
    }
    if (!parserFor(abs)) {
      if (named) skipped.push({ path: abs, reason: 'not a JavaScript or TypeScript file' });
      return;
    }
    if (stat.size > MAX_FILE_BYTES) {
      skipped.push({ path: abs, reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`, unprocessed: true });
      return;
    }
    // a file reached twice (through a link inside the given paths) is processed once
    if (!files.has(real)) files.set(real, { path: abs, realPath: real, size: stat.size });
  };

  const walk = (dir: string, realDir: string, rules: IgnoreRules[]) => {
    if (visitedDirectories.has(realDir)) return;
    visitedDirectories.add(realDir);
    const here = readGitignore(dir);
    const active = here ? [...rules, here] : rules;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => compare(a.name, b.name));
    } catch (error: any) {
      skipped.push({ path: dir, reason: `directory could not be read (${error.code ?? error.message})`, unprocessed: true });
      return;
    }
    tsconfigs.set(
      dir,
      TSCONFIG_NAMES.filter((name) => entries.some((entry) => entry.name === name && !entry.isDirectory())).map((name) => path.join(dir, name)),
    );
    for (const entry of entries) {
      const abs = path.join(dir, entry.name);
      let isDirectory = entry.isDirectory();
      let real = path.join(realDir, entry.name);
      let stat: fs.Stats | null = null;
      if (entry.isSymbolicLink()) {
        // what is skipped anyway (node_modules, .gitignore, --ignore) is never a problem,
        // wherever it points; nor is a link to a file the tool would not read
        if (ALWAYS_SKIPPED_DIRECTORIES.has(entry.name)) continue;
        if ([false, true].some((asDirectory) => isIgnored(active, abs, asDirectory) || ignoredByUser(abs, asDirectory))) continue;
        const mayBeSource = parserFor(abs) !== undefined || path.extname(entry.name) === '';
        try {
          real = fs.realpathSync(abs);
          stat = fs.statSync(real);
        } catch (error: any) {
          const reason = error.code === 'ELOOP' ? 'symbolic link loop (not followed)' : 'broken symbolic link';
          if (mayBeSource) skipped.push({ path: abs, reason, unprocessed: true });
          continue;
        }
        if (!insideRoots(real)) {
          if (stat.isDirectory() || parserFor(abs)) skipped.push({ path: abs, reason: 'symbolic link to a path outside the given paths (not followed)', unprocessed: true });
          continue;
        }
        isDirectory = stat.isDirectory();
        // a link back to a directory the walk is in or has been through (`up -> ..`): its files
        // are processed once, under their first path; said, but nothing is lost
        if (isDirectory && visitedDirectories.has(real)) {
          skipped.push({ path: abs, reason: 'symbolic link to a directory scanned already (a loop, or a second path to it): not followed again' });
          continue;
        }
      }
      if (isDirectory && ALWAYS_SKIPPED_DIRECTORIES.has(entry.name)) continue;
      if (isIgnored(active, abs, isDirectory) || ignoredByUser(abs, isDirectory)) continue;
      if (isDirectory) {
        walk(abs, real, active);
      } else if (entry.isFile() || stat?.isFile()) {
        addFile(abs, real, stat ?? fs.statSync(abs), false);
      }
    }
  };

  existing.forEach((abs, i) => {
    const real = roots[i];
    const stat = fs.statSync(real);
    const isDirectory = stat.isDirectory();
    // a directory's own .gitignore is read by the walk; a file's is read here
    const rules = isDirectory ? gitignoresAbove(abs) : [...gitignoresAbove(path.dirname(abs)), readGitignore(path.dirname(abs))].filter((r): r is IgnoreRules => r !== null);
    const reason = hasSkippedDirectory(abs, cwd)
      ? 'inside node_modules'
      : isIgnored(rules, abs, isDirectory)
        ? 'ignored by .gitignore'
        : ignoredByUser(abs, isDirectory)
          ? 'ignored by --ignore'
          : null;
    if (reason) {
      skipped.push({ path: abs, reason });
      return;
    }
    if (isDirectory) walk(abs, real, rules);
    else addFile(abs, real, stat, true);
  });

  return {
    files: [...files.values()].sort((a, b) => compare(a.path, b.path)),
    manifests: [...manifests].sort(compare),
    skipped: skipped.sort((a, b) => compare(a.path, b.path)),
    roots,
    tsconfigs,
  };
}

/** The `.gitignore` files that apply to `dir` from above: from the git root down to the
 * parent of `dir`. None outside a repository. */
function gitignoresAbove(dir: string): IgnoreRules[] {
  const gitRoot = findGitRoot(dir);
  if (!gitRoot) return [];
  const chain: string[] = [];
  for (let current = path.dirname(dir); ; current = path.dirname(current)) {
    if (current.length < gitRoot.length) break;
    chain.unshift(current);
    if (current === gitRoot || path.dirname(current) === current) break;
  }
  return chain.map(readGitignore).filter((r): r is IgnoreRules => r !== null);
}

function readGitignore(dir: string): IgnoreRules | null {
  const file = path.join(dir, '.gitignore');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  return { dir, rules: ignore().add(text) };
}

/** gitignore precedence: a deeper file overrides a shallower one, a later pattern an earlier one. */
function isIgnored(rules: IgnoreRules[], abs: string, isDirectory: boolean): boolean {
  let ignored = false;
  for (const { dir, rules: set } of rules) {
    const rel = path.relative(dir, abs);
    if (rel === '' || rel.startsWith('..')) continue;
    const result = set.test(toPosix(rel) + (isDirectory ? '/' : ''));
    if (result.ignored) ignored = true;
    else if (result.unignored) ignored = false;
  }
  return ignored;
}

function hasSkippedDirectory(abs: string, cwd: string): boolean {
  const rel = path.relative(cwd, abs);
  const parts = (rel.startsWith('..') ? abs : rel).split(path.sep);
  return parts.includes('node_modules');
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Code-point order: the same on every machine, whatever the locale. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
