// Which arguments of Node's file system functions are paths, and what each call does with
// them. One row per function; adding a function the analysis should understand is adding a row.

/** What code does with a path. */
export type TmpAccess =
  | 'write-file'
  /** `mkdir`, or a recursive `cp` into it. */
  | 'make-directory'
  /** `mkdtemp`: the path is a prefix, every call creates a new directory. */
  | 'unique-directory'
  | 'read'
  /** `existsSync`, `access`, `stat`: the code asks whether it is there. */
  | 'check'
  | 'delete'
  /** Passed to a function the analysis does not follow. */
  | 'unknown';

export interface PathArgument {
  index: number;
  access: TmpAccess;
}

/** Which arguments of Node's file system functions are paths, and what the call does with
 * each (names without the `Sync` suffix; the callback, `*Sync` and promise forms agree). */
export const FS_PATH_ARGUMENTS: Record<string, PathArgument[]> = {
  writeFile: [{ index: 0, access: 'write-file' }],
  appendFile: [{ index: 0, access: 'write-file' }],
  createWriteStream: [{ index: 0, access: 'write-file' }],
  truncate: [{ index: 0, access: 'write-file' }],
  copyFile: [{ index: 0, access: 'read' }, { index: 1, access: 'write-file' }],
  cp: [{ index: 0, access: 'read' }, { index: 1, access: 'write-file' }],
  link: [{ index: 0, access: 'read' }, { index: 1, access: 'write-file' }],
  rename: [{ index: 0, access: 'delete' }, { index: 1, access: 'write-file' }],
  symlink: [{ index: 1, access: 'write-file' }],
  mkdir: [{ index: 0, access: 'make-directory' }],
  mkdtemp: [{ index: 0, access: 'unique-directory' }],
  open: [{ index: 0, access: 'read' }],
  readFile: [{ index: 0, access: 'read' }],
  readdir: [{ index: 0, access: 'read' }],
  opendir: [{ index: 0, access: 'read' }],
  createReadStream: [{ index: 0, access: 'read' }],
  readlink: [{ index: 0, access: 'read' }],
  realpath: [{ index: 0, access: 'read' }],
  watch: [{ index: 0, access: 'read' }],
  chmod: [{ index: 0, access: 'read' }],
  utimes: [{ index: 0, access: 'read' }],
  exists: [{ index: 0, access: 'check' }],
  access: [{ index: 0, access: 'check' }],
  stat: [{ index: 0, access: 'check' }],
  lstat: [{ index: 0, access: 'check' }],
  rm: [{ index: 0, access: 'delete' }],
  rmdir: [{ index: 0, access: 'delete' }],
  unlink: [{ index: 0, access: 'delete' }],
};

/** Library methods that write a path they are given, by package, then method: recognised on
 * a chain that starts with a call of the package's module binding. Only writers are listed:
 * a path handed to any other library call stays `unknown` (it may be read, or written).
 * - sharp: `toFile(fileOut, callback)` writes the image to `fileOut` (`sharp(input).resize(64).toFile(out)`). */
export const LIBRARY_PATH_ARGUMENTS: Record<string, Record<string, PathArgument[]>> = {
  sharp: { toFile: [{ index: 0, access: 'write-file' }] },
};
