// Which /tmp paths a handler's cleanup removes, and which it leaves (with the reason).
// The rule that matters most: only static paths strictly below /tmp that the handler
// itself writes are ever removed. Everything dynamic, /tmp itself, anything with `..`,
// anything only read, and deliberate download caches stay where they are.
//
// A directory the handler writes into is removed recursively only when everything below
// it that the code reads (reads, stats, checks for, lists, hands to a library) is the
// code's own output: a file it writes, a directory it writes into or creates (listing
// that is the "listing that grows" leak), or a per-invocation name in a directory where it
// writes such names. A directory that also holds a path the code reads but never writes
// (a token a Lambda extension put there, a file another process shares) is not removed:
// only the static files the handler writes there are, and the directory is reported.
import { posix } from 'node:path';
import { LAMBDA_TMP } from './staticPath';
import type { TmpAccess } from './fsPathArguments';
import type { TmpPathUse } from './tmpPaths';

export interface TmpRemoval {
  path: string;
  directory: boolean;
  /** Remove it (a directory recursively). False for a directory inside one already removed. */
  remove: boolean;
  /** Create the directory again after removing it, as a cold environment would have it. */
  recreate: boolean;
  /** Holds files with dynamic names (a listing that grows). */
  holdsDynamicNames: boolean;
  /** The first use, for the report. */
  use: TmpPathUse;
}

export interface TmpKept {
  kind: 'dynamic-path' | 'tmp-root' | 'dot-dot' | 'download-cache' | 'written-once' | 'unique-directory' | 'written-at-load' | 'unfollowed' | 'shared-directory';
  use: TmpPathUse;
  message: string;
}

export interface TmpCleanupPlan {
  /** Directories outermost first, then files, each in the order the code first uses it. */
  removals: TmpRemoval[];
  kept: TmpKept[];
}

interface DirectoryWrite {
  use: TmpPathUse;
  /** The handler's own code creates it (`mkdir` of it, or recursively of something below it). */
  createdInHandler: boolean;
  holdsDynamicNames: boolean;
}

/** `path` is `directory` or lies below it. */
export function isWithin(path: string, directory: string): boolean {
  return path === directory || path.startsWith(`${directory}/`);
}

/** Strictly below /tmp, normalised, no `..`: the only kind of path generated code may remove. */
export function isRemovableTmpPath(path: string): boolean {
  return path.startsWith(`${LAMBDA_TMP}/`) && posix.normalize(path) === path && !path.endsWith('/') && !path.split('/').includes('..');
}

const WRITES = new Set(['write-file', 'make-directory', 'unique-directory']);

/** Accesses that need the path to be there: the code reads it, checks for it, lists it,
 * or hands it to a function the analysis does not follow (which may read it). */
const NEEDS_EXISTING = new Set<TmpAccess>(['read', 'check', 'unknown']);

/** What the code itself puts below /tmp, in the handler or as the module loads. */
interface OwnOutput {
  /** Static files written and directories written into or created. */
  paths: string[];
  /** Directories the code writes per-invocation names into. */
  dynamicDirectories: string[];
}

/** The path a use names for this check: a static path, or the static directory that holds
 * a dynamic one; a path with `..` where it leads. Null for /tmp itself (never inside a
 * removable directory). */
function placeOf(use: TmpPathUse): { path: string; dynamic: boolean } | null {
  const { value } = use;
  if (value.kind === 'static') return { path: value.path, dynamic: false };
  if (value.kind === 'dynamic') return { path: value.directory, dynamic: true };
  if (value.kind === 'dot-dot') return { path: value.lands, dynamic: !value.static };
  return null;
}

/** A use below `directory` that needs a path there which the code does not write itself: a
 * read or check when there is one, else a path handed to code the analysis does not follow. */
function unwrittenReadIn(directory: string, uses: TmpPathUse[], own: OwnOutput): TmpPathUse | undefined {
  const unwritten = uses.filter((use) => {
    const place = placeOf(use);
    if (!place || !NEEDS_EXISTING.has(use.access) || !isWithin(place.path, directory)) return false;
    if (place.dynamic) return !own.dynamicDirectories.includes(place.path);
    // a file it writes, or a directory that holds what it writes (a listing of its own output)
    return !own.paths.some((written) => isWithin(written, place.path));
  });
  return unwritten.find((use) => use.access !== 'unknown') ?? unwritten[0];
}

function describeUse(use: TmpPathUse): string {
  const { value } = use;
  const place = value.kind === 'static' ? value.path : value.kind === 'dynamic' ? `a path below ${value.directory} built from ${value.reason}` : value.kind === 'dot-dot' ? `\`${value.text}\`` : 'a path';
  return `${place} (\`${use.via}\`, line ${use.line})`;
}

function depth(path: string): number {
  return path.split('/').length;
}

/** Plans the cleanup for the uses one handler reaches (plus those run at module load). */
export function planTmpCleanup(uses: TmpPathUse[]): TmpCleanupPlan {
  const kept: TmpKept[] = [];
  const keep = (kind: TmpKept['kind'], use: TmpPathUse, message: string) => kept.push({ kind, use, message });
  const atLoad = uses.filter((u) => u.atModuleLoad);
  const inHandler = uses.filter((u) => !u.atModuleLoad);

  // A write that only happens after an existence check of the same path is a deliberate cache.
  const caches: string[] = [];
  const writes = inHandler.filter((use) => use.value.kind === 'static' && use.access !== 'make-directory' && (WRITES.has(use.access) || use.access === 'unknown'));
  const pathOf = (use: TmpPathUse) => (use.value as { path: string }).path;
  const guarded = (use: TmpPathUse) => use.guardedBy.some((g) => g.kind === 'static' && (isWithin(pathOf(use), g.path) || isWithin(g.path, pathOf(use))));
  // every write of the path waits for the check: one that does not (an append while the file
  // is there) makes it grow from one invocation to the next
  const writtenUnguarded = new Set(writes.filter((use) => !guarded(use)).map(pathOf));
  for (const use of writes) {
    const path = pathOf(use);
    if (guarded(use) && !writtenUnguarded.has(path) && !caches.includes(path)) {
      caches.push(path);
      keep('download-cache', use, `${path} is written only when an existence check finds it missing: a deliberate cache, kept across invocations`);
    }
  }

  // A write that module state lets run once per environment (`if (!written) { writeFileSync(p);
  // written = true }`, `out ??= createWriteStream(p)`, `if (model) return model;` before it):
  // later invocations rely on what it wrote, or keep writing through the open handle.
  for (const use of inHandler) {
    if (use.onceGuard === null || use.access === 'make-directory' || !(WRITES.has(use.access) || use.access === 'unknown')) continue;
    // files with names built at run time: the static directory that holds them is kept
    if (use.value.kind === 'dynamic' && use.value.fallback === undefined && use.value.directory !== LAMBDA_TMP && use.access !== 'unique-directory') {
      const directory = use.value.directory;
      if (caches.includes(directory)) continue;
      caches.push(directory);
      keep(
        'written-once',
        use,
        `${directory} holds files (a path built from ${use.value.reason}) written only as \`${use.onceGuard}\` allows, module state the code changes as it runs: an invocation writes them and later ones in the same execution environment may skip the write and rely on them, so it is not removed`,
      );
      continue;
    }
    if (use.value.kind !== 'static') continue;
    const path = use.value.path;
    if (caches.includes(path)) continue;
    caches.push(path);
    const stream = /\b(?:createWriteStream|open|openSync)$/.test(use.via);
    keep(
      'written-once',
      use,
      stream
        ? `${path} is opened (\`${use.via}\`) only as \`${use.onceGuard}\` allows, module state the code changes as it runs, so later invocations keep writing to it through the open handle: what they write piles up; not removed (open it per invocation if what it holds is per-request)`
        : `${path} is written only as \`${use.onceGuard}\` allows, module state the code changes as it runs: an invocation writes it and later ones in the same execution environment may skip the write and rely on it, so it is not removed`,
    );
  }

  const directories = new Map<string, DirectoryWrite>();
  const files = new Map<string, TmpPathUse>();
  const unfollowed: TmpPathUse[] = [];
  const fallbacks = new Set<string>();
  const addDirectory = (path: string, use: TmpPathUse, dynamic: boolean) => {
    const entry = directories.get(path) ?? { use, createdInHandler: false, holdsDynamicNames: false };
    entry.holdsDynamicNames ||= dynamic;
    directories.set(path, entry);
  };

  for (const use of inHandler) {
    const { value, access } = use;
    if (!WRITES.has(access) && access !== 'unknown') continue;
    if (access === 'unique-directory') {
      // mkdtemp(prefix) creates prefix + six random characters, next to the prefix
      const parent = value.kind === 'static' ? posix.dirname(value.path) : value.kind === 'dynamic' ? value.directory : LAMBDA_TMP;
      if (value.kind === 'dot-dot' || parent === LAMBDA_TMP) {
        keep('unique-directory', use, `${use.via} creates a new directory with a random name on every invocation; it cannot be named in advance, so it is not removed (remove it in a \`finally\` when done)`);
      } else addDirectory(parent, use, true);
      continue;
    }
    if (value.kind === 'root') keep('tmp-root', use, `${use.via} uses /tmp itself; /tmp is never removed`);
    else if (value.kind === 'dot-dot') keep('dot-dot', use, `the path \`${value.text}\` has a \`..\` segment; paths that can climb out of a directory are never removed`);
    else if (value.kind === 'dynamic' && value.fallback !== undefined) {
      if (fallbacks.has(value.fallback)) continue;
      fallbacks.add(value.fallback);
      keep(
        'dynamic-path',
        use,
        `the path starts with ${value.reason}, which may name a place outside /tmp (a mounted file system), and is ${value.fallback} when that is unset: it is never removed, so when it is unset what the handler writes there survives into the next invocation`,
      );
    } else if (value.kind === 'dynamic') {
      if (access !== 'unknown' && value.directory !== LAMBDA_TMP) addDirectory(value.directory, use, true);
      else {
        const where = value.directory === LAMBDA_TMP ? ' (it lies directly in /tmp, which is never removed either)' : '';
        keep('dynamic-path', use, `the path depends on ${value.reason}; a path with a dynamic part is never removed${where}`);
      }
    } else if (access === 'unknown') unfollowed.push(use);
    else if (access === 'write-file') {
      if (!files.has(value.path)) files.set(value.path, use);
      const parent = posix.dirname(value.path);
      if (parent !== LAMBDA_TMP) addDirectory(parent, use, false);
    } else addDirectory(value.path, use, false);
  }
  // a directory made only while module state is unset is not there again on a warm start
  // once removed: it is recreated, as for one the module makes as it loads
  for (const use of inHandler) {
    if (use.access !== 'make-directory' || use.value.kind !== 'static' || use.onceGuard !== null) continue;
    const made = use.value.path;
    for (const [path, entry] of directories) if (made === path || (use.recursive && isWithin(made, path))) entry.createdInHandler = true;
  }

  const loadWrites = atLoad.filter((u) => u.value.kind === 'static' && u.access === 'write-file').map((u) => (u.value as { path: string }).path);
  // a stream opened when the module loads stays open: what invocations write through it piles up
  for (const use of atLoad) {
    if (use.value.kind !== 'static' || use.access !== 'write-file' || !/\bcreateWriteStream$/.test(use.via)) continue;
    keep(
      'written-at-load',
      use,
      `${use.value.path} is opened for writing when the module loads (\`${use.via}\`): what invocations write through that stream piles up from one to the next; not removed (open the stream in the handler if what it writes is per-request)`,
    );
  }
  const loadDirectories = atLoad.filter((u) => u.value.kind === 'static' && u.access === 'make-directory').map((u) => (u.value as { path: string }).path);
  const cacheIn = (path: string) => caches.find((c) => isWithin(c, path) || isWithin(path, c));

  const own: OwnOutput = {
    paths: [...files.keys(), ...directories.keys(), ...loadWrites, ...loadDirectories],
    dynamicDirectories: [...directories.entries()].filter(([, entry]) => entry.holdsDynamicNames).map(([path]) => path),
  };

  const removals: TmpRemoval[] = [];
  const removed: string[] = [];
  const ordered = [...directories.entries()].sort(([a], [b]) => depth(a) - depth(b));
  for (const [path, entry] of ordered) {
    const cache = cacheIn(path);
    const loadFile = loadWrites.find((f) => isWithin(f, path));
    if (cache) {
      if (cache !== path) keep('download-cache', entry.use, `${path} holds the cache ${cache}, so it is not removed`);
      continue;
    }
    if (loadFile) {
      keep('written-at-load', entry.use, `${path} holds ${loadFile}, written once when the module loads; removing it would lose that file`);
      continue;
    }
    const unwritten = unwrittenReadIn(path, uses, own);
    if (unwritten && isRemovableTmpPath(path)) {
      const left = entry.holdsDynamicNames ? '; files with per-invocation names it writes there are not removed and still pile up' : '';
      // code the tool does not follow may write the path as well as read it: not called a read
      const holds =
        unwritten.access === 'unknown'
          ? 'paths the handler passes to code the tool does not follow (which may read them)'
          : 'paths the handler reads but does not write';
      keep('shared-directory', entry.use, `${path} holds ${holds}, such as ${describeUse(unwritten)}: the directory is not removed, only the files the handler writes there${left}`);
      continue;
    }
    if (!isRemovableTmpPath(path)) continue;
    const inside = removed.some((d) => isWithin(path, d));
    // A cold start finds it only when the module creates it as it loads (or something the
    // analysis cannot see does); when the handler creates it, the handler will again.
    const recreate = loadDirectories.includes(path) || !entry.createdInHandler;
    if (inside && !recreate) continue;
    if (!inside) removed.push(path);
    removals.push({ path, directory: true, remove: !inside, recreate, holdsDynamicNames: entry.holdsDynamicNames, use: entry.use });
  }
  for (const [path, use] of files) {
    if (removed.some((d) => isWithin(path, d)) || cacheIn(path) || !isRemovableTmpPath(path)) continue;
    if (loadWrites.includes(path)) {
      keep('written-at-load', use, `${path} is also written when the module loads; removing it would lose what was written then`);
      continue;
    }
    removals.push({ path, directory: false, remove: true, recreate: false, holdsDynamicNames: false, use });
  }
  for (const use of unfollowed) {
    const path = (use.value as { path: string }).path;
    if (removed.some((d) => isWithin(path, d)) || removals.some((r) => r.path === path) || cacheIn(path)) continue;
    keep('unfollowed', use, `${path} is passed to \`${use.via}\`, which the tool does not follow; not removed`);
  }
  return { removals, kept };
}
