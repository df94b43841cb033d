// Keeps the user's own files safe from the cold starts. A cold start begins without the
// module's static /tmp paths, so simulate empties them before each environment; these are
// real paths on the host, where anything may be (a colleague's notes, another tool's
// cache). Before the first environment starts, whatever is at those paths is moved aside
// into a private folder in /tmp (a rename on the same file system, a copy where a rename
// fails), and after the simulation it is put back exactly, on every way out: the end of the
// run, a failure, an uncaught error, process.exit(), SIGINT and SIGTERM. What the handler
// created there is removed. When something cannot be moved aside, nothing is deleted: the
// simulation is refused.
import fs from 'node:fs';
import path from 'node:path';
import { LAMBDA_TMP } from '../analysis/staticPath';
import { isRemovableTmpPath } from './findStaticTmpPaths';
import { stopAllEnvironments } from './runEnvironment';

/** The simulation cannot start without putting the user's files at risk. */
export class TmpBackupError extends Error {
  override name = 'TmpBackupError';
}

interface Entry {
  target: string;
  /** Where what was at `target` waits; absent when nothing was there. */
  backup?: string;
  /** The outermost folder below /tmp that did not exist before: all of it is the run's. */
  created?: string;
}

const BACKUP_PREFIX = 'lambda-clean-slate-backup-';
const MANIFEST = 'restore.json';

/** Guards that still hold files; one set of process listeners serves them all. */
const open = new Set<TmpGuard>();

export class TmpGuard {
  private entries: Entry[] = [];
  private backupDir: string | undefined;
  private closed = false;
  private problems: string[] = [];

  private constructor(readonly targets: string[]) {}

  /**
   * Moves whatever is at `paths` (static paths strictly below /tmp/) aside. Throws a
   * TmpBackupError, with everything already moved put back, when it cannot.
   */
  static open(paths: string[]): TmpGuard {
    const targets = outermost(paths.filter(isRemovableTmpPath));
    const guard = new TmpGuard(targets);
    if (targets.length === 0) return guard;
    const existing = targets.filter((target) => lstat(target) !== undefined);
    if (existing.length > 0) {
      try {
        guard.backupDir = fs.mkdtempSync(path.join(LAMBDA_TMP, BACKUP_PREFIX));
      } catch (error) {
        throw new TmpBackupError(`cannot make a backup folder in ${LAMBDA_TMP} for ${existing.join(', ')} (${code(error)}); nothing was changed`);
      }
    }
    // listening before anything moves: an interrupted backup is put back too
    track(guard);
    try {
      for (const target of targets) guard.setAside(target);
    } catch (error) {
      guard.restore();
      throw error;
    }
    return guard;
  }

  /** The paths whose contents were moved aside (and will be put back). */
  get setAsidePaths(): string[] {
    return this.entries.filter((entry) => entry.backup !== undefined).map((entry) => entry.target);
  }

  /** A new environment starts without the paths, with `files` (another process's) in place. */
  prepareEnvironment(files: Record<string, string>): void {
    if (this.closed) throw new Error('the simulation was stopped and the files below /tmp were put back');
    for (const target of this.targets) {
      if (isRemovableTmpPath(target)) fs.rmSync(target, { recursive: true, force: true });
    }
    for (const [target, contents] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.writeFileSync(target, contents);
    }
  }

  /**
   * Removes what the run left at the paths and puts the user's files back. Runs once;
   * returns what could not be put back (and where it is kept), empty when all went well.
   */
  restore(): string[] {
    if (this.closed) return this.problems;
    this.closed = true;
    for (const entry of [...this.entries].reverse()) {
      try {
        if (isRemovableTmpPath(entry.target)) fs.rmSync(entry.target, { recursive: true, force: true });
        if (entry.created && isRemovableTmpPath(entry.created)) fs.rmSync(entry.created, { recursive: true, force: true });
      } catch (error) {
        if (!entry.backup) this.problems.push(`could not remove what the run left at ${entry.target} (${code(error)})`);
      }
      if (entry.backup) {
        try {
          putBack(entry.backup, entry.target);
        } catch (error) {
          this.problems.push(`could not put back ${entry.target} (${code(error)}); it is kept at ${entry.backup}`);
        }
      }
    }
    if (this.backupDir && this.problems.every((problem) => !problem.includes(this.backupDir!))) {
      fs.rmSync(this.backupDir, { recursive: true, force: true });
    }
    untrack(this);
    return this.problems;
  }

  private setAside(target: string): void {
    const stats = lstat(target);
    if (stats === undefined) {
      this.entries.push({ target, created: outermostMissing(target) });
      return;
    }
    const backup = path.join(this.backupDir!, String(this.entries.length));
    const entry: Entry = { target, backup };
    // the manifest first: a run killed outright (SIGKILL) leaves a record of what goes where
    this.entries.push(entry);
    writeManifest(this.backupDir!, this.entries);
    try {
      fs.renameSync(target, backup);
      return;
    } catch (renameError) {
      try {
        fs.cpSync(target, backup, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true, verbatimSymlinks: true });
      } catch (copyError) {
        fs.rmSync(backup, { recursive: true, force: true });
        this.entries.pop();
        throw new TmpBackupError(`cannot set ${target} aside before the cold starts (rename: ${code(renameError)}, copy: ${code(copyError)}); refusing to run rather than delete it`);
      }
      try {
        fs.rmSync(target, { recursive: true, force: true });
      } catch (removeError) {
        // what could be removed comes back from the copy; the rest never left
        fs.cpSync(backup, target, { recursive: true, errorOnExist: false, force: false, preserveTimestamps: true, verbatimSymlinks: true });
        fs.rmSync(backup, { recursive: true, force: true });
        this.entries.pop();
        throw new TmpBackupError(`cannot empty ${target} for the cold starts (${code(removeError)}); it was left as it was, and simulate refuses to run`);
      }
    }
  }
}

function putBack(backup: string, target: string): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  try {
    fs.renameSync(backup, target);
  } catch {
    fs.cpSync(backup, target, { recursive: true, errorOnExist: true, force: false, preserveTimestamps: true, verbatimSymlinks: true });
    fs.rmSync(backup, { recursive: true, force: true });
  }
}

function writeManifest(dir: string, entries: Entry[]): void {
  const places = Object.fromEntries(entries.filter((e) => e.backup).map((e) => [path.basename(e.backup!), e.target]));
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ note: 'lambda-clean-slate simulate moved these paths aside; each file or folder here belongs at the path named', places }, null, 2) + '\n');
}

function lstat(target: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(target);
  } catch (error) {
    const errorCode = (error as NodeJS.ErrnoException).code;
    if (errorCode === 'ENOENT' || errorCode === 'ENOTDIR') return undefined;
    throw new TmpBackupError(`cannot look at ${target} (${errorCode}); refusing to run rather than risk deleting it`);
  }
}

/** The outermost folder on the way from /tmp to `target` that does not exist yet. */
function outermostMissing(target: string): string | undefined {
  const parts = path.relative(LAMBDA_TMP, target).split(path.sep);
  for (let i = 1; i <= parts.length; i++) {
    const candidate = path.join(LAMBDA_TMP, ...parts.slice(0, i));
    if (lstat(candidate) === undefined) return candidate;
  }
  return undefined;
}

function outermost(paths: string[]): string[] {
  const sorted = [...new Set(paths.map((p) => path.normalize(p).replace(/\/+$/, '')))].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return sorted.filter((p, i) => !sorted.slice(0, i).some((outer) => p.startsWith(`${outer}/`)));
}

function code(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

// --- every way out of the process puts the files back ---

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

function restoreAll(): void {
  if (open.size === 0) return;
  // the handlers' processes first: nothing may write below /tmp once the files are back
  stopAllEnvironments();
  for (const guard of [...open]) {
    for (const problem of guard.restore()) process.stderr.write(`lambda-clean-slate: ${problem}\n`);
  }
}

function onExit(): void {
  restoreAll();
}

function onSignal(signal: NodeJS.Signals): void {
  restoreAll();
  // without another listener the signal ends the process, as it would have without ours
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(guard: TmpGuard): void {
  if (open.size === 0) {
    process.on('exit', onExit);
    for (const signal of SIGNALS) process.on(signal, onSignal);
  }
  open.add(guard);
}

function untrack(guard: TmpGuard): void {
  if (!open.delete(guard) || open.size > 0) return;
  process.removeListener('exit', onExit);
  for (const signal of SIGNALS) process.removeListener(signal, onSignal);
}
