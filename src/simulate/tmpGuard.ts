// Keeps the user's own files safe from the cold starts. A cold start begins without the
// module's static /tmp paths, so simulate empties them before each environment; these are
// real paths on the host, where anything may be (a colleague's notes, another tool's
// cache). Before the first environment starts, whatever is at those paths is moved aside
// into a private folder in /tmp (a rename on the same file system, a copy where a rename
// fails), and after the simulation it is put back exactly, on every way out: the end of the
// run, a failure, an uncaught error, process.exit(), SIGINT, SIGTERM, SIGHUP and SIGQUIT. What the handler
// created there is removed. When something cannot be moved aside, nothing is deleted: the
// simulation is refused.
import crypto from 'node:crypto';
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
const LOCK_PREFIX = 'lambda-clean-slate-lock-';
const LOCK_OWNER = 'owner.json';

/** Guards that still hold files; one set of process listeners serves them all. */
const open = new Set<TmpGuard>();

export class TmpGuard {
  private entries: Entry[] = [];
  private backupDir: string | undefined;
  private locks: string[] = [];
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
    // one run at a time on a path: another run's files there are not the user's
    guard.lock();
    // an earlier run killed outright (SIGKILL) left the user's files in its backup folder:
    // what is at the paths now is that run's, not the user's, and must not be set aside as theirs
    const leftovers = backupsNaming(targets);
    if (leftovers.length > 0) {
      guard.unlock();
      throw new TmpBackupError(`${describeBackups(leftovers)}; then run again; nothing was changed`);
    }
    // listening before anything moves: an interrupted backup is put back too (and the locks go)
    track(guard);
    try {
      const existing = targets.filter((target) => lstat(target) !== undefined);
      if (existing.length > 0) {
        try {
          guard.backupDir = fs.mkdtempSync(path.join(LAMBDA_TMP, BACKUP_PREFIX));
        } catch (error) {
          throw new TmpBackupError(`cannot make a backup folder in ${LAMBDA_TMP} for ${existing.join(', ')} (${code(error)}); nothing was changed`);
        }
      }
    } catch (error) {
      guard.restore();
      throw error;
    }
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
    this.unlock();
    untrack(this);
    return this.problems;
  }

  /**
   * Takes the lock of each path (of the folder right below /tmp that holds it, so that
   * /tmp/a and /tmp/a/b are one lock), or throws a TmpBackupError, with the locks already
   * taken released, naming the path and the run that holds it.
   */
  private lock(): void {
    const byLock = new Map<string, string>();
    for (const target of this.targets) {
      const top = path.join(LAMBDA_TMP, path.relative(LAMBDA_TMP, target).split(path.sep)[0]);
      const lockDir = path.join(LAMBDA_TMP, `${LOCK_PREFIX}${crypto.createHash('sha256').update(top).digest('hex').slice(0, 16)}`);
      if (!byLock.has(lockDir)) byLock.set(lockDir, target);
    }
    try {
      for (const [lockDir, target] of byLock) {
        takeLock(lockDir, target, this.targets);
        this.locks.push(lockDir);
      }
    } catch (error) {
      this.unlock();
      throw error;
    }
  }

  private unlock(): void {
    for (const lockDir of this.locks.splice(0)) {
      // only a lock that is still this process's own
      if (lockOwner(lockDir)?.pid === process.pid) fs.rmSync(lockDir, { recursive: true, force: true });
    }
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

interface LockOwner {
  pid: number;
  paths: string[];
}

/**
 * The lock is a folder that appears whole (made aside with its owner.json, then renamed
 * into place: a rename onto a folder that is there fails), so whoever sees it can read who
 * holds it.
 */
function takeLock(lockDir: string, target: string, targets: string[]): void {
  let staging: string;
  try {
    staging = fs.mkdtempSync(`${lockDir}.new-`);
    fs.writeFileSync(path.join(staging, LOCK_OWNER), JSON.stringify({ pid: process.pid, paths: targets } satisfies LockOwner) + '\n');
  } catch (error) {
    throw new TmpBackupError(`cannot make the lock ${lockDir} for ${target} (${code(error)}); nothing was changed`);
  }
  try {
    fs.renameSync(staging, lockDir);
    return;
  } catch (error) {
    fs.rmSync(staging, { recursive: true, force: true });
    const errorCode = (error as NodeJS.ErrnoException).code;
    if (errorCode !== 'ENOTEMPTY' && errorCode !== 'EEXIST' && errorCode !== 'ENOTDIR') {
      throw new TmpBackupError(`cannot take the lock ${lockDir} for ${target} (${code(error)}); nothing was changed`);
    }
  }
  const owner = lockOwner(lockDir);
  if (owner === undefined) {
    throw new TmpBackupError(`${target} is locked by another simulate run (${lockDir}, its owner unknown); nothing was changed: run again when it is over`);
  }
  const theirs = owner.paths.filter((p) => targets.some((mine) => overlaps(p, mine)));
  const named = theirs.length > 0 ? theirs.join(', ') : target;
  if (alive(owner.pid)) {
    throw new TmpBackupError(`another simulate run (pid ${owner.pid}) is using ${named}; nothing was changed: run again when it is over (two runs on the same /tmp path would take each other's files for yours)`);
  }
  const leftovers = backupsNaming(targets);
  throw new TmpBackupError(
    `a simulate run (pid ${owner.pid}) that is no longer running (killed before it could clean up) left its lock on ${named}: ${lockDir}; ` +
      (leftovers.length > 0
        ? `${describeBackups(leftovers)}; then remove the lock (rm -r ${lockDir}) and run again`
        : `no backup folder of it holds files of yours for these paths (what is at ${named} now is what that run left or what was there before it), so remove the lock (rm -r ${lockDir}) and run again`) +
      '; nothing was changed',
  );
}

function lockOwner(lockDir: string): LockOwner | undefined {
  try {
    const owner = JSON.parse(fs.readFileSync(path.join(lockDir, LOCK_OWNER), 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) && Array.isArray(owner.paths) ? owner : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  // a process killed outright stays a zombie until its parent (or init) reaps it: gone all the same
  try {
    return !/^[ZX]/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\)\s*/s, ''));
  } catch {
    return true;
  }
}

function overlaps(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);
}

interface LeftBackup {
  dir: string;
  pid?: number;
  /** entry in the folder -> the path it belongs at */
  places: Record<string, string>;
}

/** Backup folders of earlier runs whose restore.json names any of `targets` (or a path in or around one). */
export function backupsNaming(targets: string[]): LeftBackup[] {
  let names: string[];
  try {
    names = fs.readdirSync(LAMBDA_TMP).filter((name) => name.startsWith(BACKUP_PREFIX)).sort();
  } catch {
    return [];
  }
  const found: LeftBackup[] = [];
  for (const name of names) {
    const dir = path.join(LAMBDA_TMP, name);
    let manifest: { pid?: number; places?: Record<string, string> };
    try {
      manifest = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8'));
    } catch {
      continue;
    }
    const places = manifest.places ?? {};
    if (Object.values(places).some((place) => typeof place === 'string' && targets.some((target) => overlaps(place, target)))) {
      found.push({ dir, pid: typeof manifest.pid === 'number' ? manifest.pid : undefined, places });
    }
  }
  return found;
}

function describeBackups(backups: LeftBackup[]): string {
  return backups
    .map(({ dir, pid, places }) => {
      const moves = Object.entries(places).map(([entry, place]) => `${path.join(dir, entry)} -> ${place}`);
      const who = pid !== undefined && pid !== process.pid && alive(pid)
        ? `set aside by simulate run pid ${pid}, which is still running: wait for it to put them back, or if it is not a simulate run, do as follows`
        : `left by an earlier simulate run${pid !== undefined ? ` (pid ${pid})` : ''}, which was stopped before it could put them back`;
      return (
        `your files from before that run are in ${dir} (${who}); ` +
        `its ${MANIFEST} lists where each belongs: ${moves.join(', ')}; ` +
        `what is at those paths now is what that run left: put yours back (for each: rm -rf PATH && mv ENTRY PATH) and remove ${dir}`
      );
    })
    .join('; ');
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
  fs.writeFileSync(path.join(dir, MANIFEST), JSON.stringify({ note: 'lambda-clean-slate simulate moved these paths aside; each file or folder here belongs at the path named', pid: process.pid, places }, null, 2) + '\n');
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

// the terminal closed (SIGHUP) and Ctrl-\ (SIGQUIT) too: their default ends the process at once
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;

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
