// Errors the engine throws for a run that cannot start (the command line maps them to exit
// code 2). Problems with single files are not thrown: they are part of the result.

/** The run cannot start as asked: a path that does not exist, an unknown transform name. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--write` inside a git work tree where files it would touch have uncommitted changes. */
export class UncommittedChangesError extends UsageError {
  constructor(readonly files: string[]) {
    super(
      `refusing to write: ${files.length === 1 ? 'this file has' : 'these files have'} uncommitted changes ` +
        `(commit or stash them first, or pass --force):\n${files.map((f) => `  ${f}`).join('\n')}`,
    );
    this.name = 'UncommittedChangesError';
  }
}
