// Which exports of a module the handlers of other modules call as helpers.
//
// Without a manifest or --handler, an export is a handler when it is named `handler` or when
// its first parameter is `event`. A helper of a shared module (`parseBody(event)`,
// `validate(event)`) has that parameter too, and migrating it as a handler would log a second
// "invocation" line from inside the real handler and reset state in the middle of a request.
// A handler module that imports such a function and calls it with its own event
// (`parseBody(event)`, `api.validate(event)`) uses it as a helper. Being imported alone says
// nothing: an entry file re-exports its handlers (`export { createOrder } from ...`) and a
// local dev server imports them to call them with an event it builds; neither is a module
// that could hold a handler calling it with its own `event` (the text pre-check, which wants
// an export and a handler-like name or `event` parameter, rules the dev server out), and
// tests do not count.
//
// Read from the text: a quick search for `name(event` first, then the import declarations
// and `require` calls of the files that have one, the specifier resolved as the build
// resolves it (../analysis/moduleResolution.ts: relative paths, tsconfig `paths` aliases,
// workspace packages).
import fs from 'node:fs';
import path from 'node:path';
import { resolveProjectModule } from '../analysis/moduleResolution';
import { mayHoldHandler } from './precheck';

/** A test, a mock or a fixture of tests, by its path below the project's root: its calls do
 * not say that an export is a helper (tests call handlers). */
const TEST_PATH = /(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__|tests?|spec|e2e|integration|test-utils|testing)[\\/]|\.(?:test|spec|e2e|integration)\.[cm]?[jt]sx?$/;

/** Whether `file` is a test, by its path relative to `root`. */
export function isTestPath(file: string, root: string): boolean {
  return TEST_PATH.test(path.relative(root, file));
}

export interface ImportSource {
  /** The file's real path. */
  realPath: string;
  /** Its text, when the caller has it; else it is read. */
  text?: string;
}

/**
 * For each module of `asked` (real path → export names), the names that some other file of
 * `files` (not a test, by its path below `root`; one that could hold a handler) imports and
 * calls with `event` as first argument, with the files that do (real paths, in the order of
 * `files`).
 */
export function helperCalls(asked: Map<string, string[]>, files: ImportSource[], root: string): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  const names = [...new Set([...asked.values()].flat())];
  if (names.length === 0) return found;
  const nameSet = new Set(names);
  const realPaths = new Map<string, string | null>();
  const real = (file: string) => {
    if (!realPaths.has(file)) {
      try {
        realPaths.set(file, fs.realpathSync(file));
      } catch {
        realPaths.set(file, null);
      }
    }
    return realPaths.get(file)!;
  };
  for (const file of files) {
    let text = file.text;
    if (text === undefined) {
      try {
        text = fs.readFileSync(file.realPath, 'utf8');
      } catch {
        continue;
      }
    }
    if (!callsWithEventAny(text, nameSet) || isTestPath(file.realPath, root) || !mayHoldHandler(text)) continue;
    for (const { specifier, callsWithEvent } of importsOf(text)) {
      const called = names.filter(callsWithEvent);
      if (called.length === 0) continue;
      const resolved = resolveProjectModule(file.realPath, specifier);
      const target = resolved && real(resolved);
      const wanted = target && target !== file.realPath ? asked.get(target) : undefined;
      if (!wanted) continue;
      for (const name of wanted.filter((n) => called.includes(n))) {
        let byName = found.get(target!);
        if (!byName) found.set(target!, (byName = new Map()));
        const importers = byName.get(name) ?? [];
        if (!importers.includes(file.realPath)) importers.push(file.realPath);
        byName.set(name, importers);
      }
    }
  }
  return found;
}

/** Whether the text has `name(event` for one of `names`, written so (a quick search for `(event`, then
 * the word in front of it; a regular expression would try every position of a large file). */
function callsWithEventAny(text: string, names: Set<string>): boolean {
  for (let at = text.indexOf('(event'); at !== -1; at = text.indexOf('(event', at + 6)) {
    if (/[\w$]/.test(text.charAt(at + 6))) continue;
    let end = at;
    while (end > 0 && /\s/.test(text.charAt(end - 1))) end--;
    let start = end;
    while (start > 0 && /[\w$]/.test(text.charAt(start - 1))) start--;
    if (start < end && names.has(text.slice(start, end))) return true;
  }
  return false;
}

/** The modules a text imports, each with a test of whether the text calls one of its exports
 * with `event` as first argument: through a named import (`import { parseBody as parse }`,
 * then `parse(event)`), a destructuring of `require`, `require(...).name(event)`, or as a
 * property of the module's default or namespace import or required module
 * (`http.parseBody(event)`). Type-only imports take nothing. */
export function importsOf(text: string): { specifier: string; callsWithEvent: (name: string) => boolean }[] {
  const out: { specifier: string; callsWithEvent: (name: string) => boolean }[] = [];
  const called = (callee: string) => new RegExp(String.raw`(?<![\w$.])${callee}\s*\(\s*event\b`).test(text);
  const member = (local: string, name: string) => called(String.raw`${escapeName(local)}\s*\??\.\s*${escapeName(name)}`);
  const namedCalls = (locals: Map<string, string>) => (name: string) => locals.has(name) && called(escapeName(locals.get(name)!));
  // (each pattern starts with a word, so that a large text is read quickly)
  for (const m of text.matchAll(/\bimport\s+(?!type\s*[{*\w])([^'";]*?)\s*\bfrom\s*(['"])([^'"]+)\2/g)) {
    const clause = m[1];
    const named = new Map<string, string>();
    for (const part of /\{([^}]*)\}/.exec(clause)?.[1].split(',') ?? []) {
      const p = /^\s*(type\s+)?([\w$]+)(?:\s+as\s+([\w$]+))?\s*$/.exec(part);
      if (p && !p[1]) named.set(p[2], p[3] ?? p[2]);
    }
    const rest = clause.replace(/\{[^}]*\}/, '');
    const locals = [/\*\s*as\s+([\w$]+)/.exec(rest)?.[1], /^\s*([\w$]+)\s*(?:,|$)/.exec(rest)?.[1]].filter((l): l is string => !!l);
    const viaNamed = namedCalls(named);
    out.push({ specifier: m[3], callsWithEvent: (name) => viaNamed(name) || locals.some((local) => member(local, name)) });
  }
  for (const m of text.matchAll(/\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*(?:await\s+)?require\s*\(\s*(['"])([^'"]+)\2\s*\)(\s*\.\s*[\w$]+)?/g)) {
    const [, target, , specifier, property] = m;
    if (target.startsWith('{')) {
      const named = new Map<string, string>();
      for (const part of target.slice(1, -1).split(',')) {
        const p = /^\s*([\w$]+)\s*(?::\s*([\w$]+))?\s*(?:=[^,]*)?$/.exec(part);
        if (p) named.set(p[1], p[2] ?? p[1]);
      }
      out.push({ specifier, callsWithEvent: namedCalls(named) });
    } else if (property) {
      // `const parse = require('./http').parseBody`
      const name = property.replace(/^\s*\.\s*/, '');
      out.push({ specifier, callsWithEvent: namedCalls(new Map([[name, target]])) });
    } else {
      out.push({ specifier, callsWithEvent: (name) => member(target, name) });
    }
  }
  for (const m of text.matchAll(/\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)\s*\.\s*([\w$]+)\s*\(\s*event\b/g)) {
    const [, , specifier, property] = m;
    out.push({ specifier, callsWithEvent: (name) => name === property });
  }
  return out;
}

function escapeName(name: string): string {
  return name.replace(/\$/g, '\\$');
}
