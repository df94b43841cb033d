// What a `migrate` run returns. Plain data: the formats render it, the command line picks
// the exit code from it, and library users read it directly.
import type { SourceError } from '../analysis/applyTransforms';
import type { Finding, TransformName, TransformOptions } from '../analysis/types';
import type { Shard } from './shard';

export interface MigrateOptions {
  /** Files or directories to look at (default: the working directory). */
  paths?: string[];
  /** Directory that relative paths and reported paths are relative to (default: process.cwd()). */
  cwd?: string;
  /** Transform names (default: every transform this version has), run in the spec's order. */
  transforms?: string[];
  /** Handler export names (`--handler`); when given, manifests are not consulted. */
  handlerNames?: string[];
  /** `--ignore` patterns, gitignore syntax, relative to `cwd`. */
  ignore?: string[];
  /** Apply the changes (default: compute them only). */
  write?: boolean;
  /** Write even when files to be touched have uncommitted changes in git. */
  force?: boolean;
  transformOptions?: TransformOptions;
  /** Worker threads that parse and transform files beside this one: 0 keeps the work in
   * this thread; absent: one per MiB of files to parse, up to one per core besides this
   * thread's (none for small runs). */
  workers?: number;
  /** Only the files of this shard (`--shard I/N`), split by their path relative to the git root (else `cwd`). */
  shard?: Shard;
  /** Called as files are done, for a progress display. */
  onProgress?: (progress: MigrateProgress) => void;
}

export interface MigrateProgress {
  /** Files looked at so far, of `total`. */
  done: number;
  total: number;
  handlerModules: number;
  /** Worker threads in use (0: this thread). */
  workers: number;
}

export interface FileResult {
  /** As reached from the given paths, relative to `cwd` (absolute when outside it). */
  path: string;
  /** The file read and written (symbolic links resolved). */
  absolutePath: string;
  /** Handler names found in the file; empty for a file that is not a handler module. */
  handlers: string[];
  changed: boolean;
  /** The text before and after, present only for files that change. */
  before?: string;
  after?: string;
  changes: Finding[];
  review: Finding[];
  /** The file could not be processed (parse error, read or write error); it is left unchanged. */
  error?: SourceError;
  /** True once `--write` has replaced the file. */
  written?: boolean;
}

export interface SkippedResult {
  path: string;
  reason: string;
  /** The run was meant to look at this path and could not (binary, too large, unreadable,
   * a link it does not follow, a path that does not exist): the command exits with 2.
   * Absent for what the user excluded (--ignore, .gitignore, a disable comment). */
  unprocessed?: true;
}

export interface MigrateSummary {
  filesScanned: number;
  handlerModules: number;
  filesChanged: number;
  changesByTransform: Partial<Record<TransformName, number>>;
  reviewItems: number;
  errors: number;
  skipped: number;
}

export interface MigrateResult {
  cwd: string;
  /** The git work tree holding `cwd`, when there is one (patches are relative to it). */
  gitRoot: string | null;
  transforms: TransformName[];
  /** Manifests that named handlers, relative to `cwd`. */
  manifests: string[];
  /** Handler modules and files that could not be processed, in path order. */
  files: FileResult[];
  skipped: SkippedResult[];
  /** Things the user should know that are not about one file (an unresolved manifest handler). */
  notes: string[];
  wrote: boolean;
  summary: MigrateSummary;
}
