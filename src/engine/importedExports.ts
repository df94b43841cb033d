// Which exports of a module other files of the run import.
//
// Without a manifest or --handler, an export is a handler when it is named `handler` or when
// its first parameter is `event`. A helper of a shared module (`parseBody(event)`,
// `validate(event)`) has that parameter too, and migrating it as a handler would log a second
// "invocation" line from inside the real handler and reset state in the middle of a request.
// Lambda does not import a handler: it finds it by the name a manifest or the console gives.
// So an export the project's own code imports is taken for a helper. Tests import handlers to
// call them; test files do not count.
//
// Read from the text (import declarations, `require` calls), the specifier resolved as the
// build resolves it (../analysis/moduleResolution.ts: relative paths, tsconfig `paths`
// aliases, workspace packages). A file is looked at only when its text mentions one of the
// names asked about.
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { resolveProjectModule } from '../analysis/moduleResolution';

/** A test, a mock or a fixture of tests, by its path: its imports do not say that an export is
 * a helper (tests call handlers). */
const TEST_PATH = /(?:^|[\\/])(?:__tests__|__mocks__|__fixtures__|tests?|spec|e2e)[\\/]|\.(?:test|spec|e2e)\.[cm]?[jt]sx?$/;

export function isTestPath(file: string): boolean {
  return TEST_PATH.test(file);
}

export interface ImportSource {
  /** The file's real path. */
  realPath: string;
  /** Its text, when the caller has it; else it is read. */
  text?: string;
}

/**
 * For each module of `asked` (real path → export names), the names that some file of `files`
 * other than the module itself (and other than a test) imports, with the files that do (real
 * paths, in the order of `files`).
 */
export function importedExports(asked: Map<string, string[]>, files: ImportSource[]): Map<string, Map<string, string[]>> {
  const found = new Map<string, Map<string, string[]>>();
  const names = [...new Set([...asked.values()].flat())];
  if (names.length === 0) return found;
  // what a specifier naming one of the modules can look like, checked from strings alone: a
  // relative one resolves to the module's path without its extension (or to its folder, for
  // an index file); an alias or a package ends in the module's name or one of its folders'
  // (`@shared/http` for shared/src/http.ts, `@acme/shared` for packages/shared/src/index.ts)
  const stems = new Set<string>();
  const segments = new Set<string>();
  for (const target of asked.keys()) {
    const stem = target.slice(0, target.length - path.extname(target).length);
    stems.add(stem);
    if (path.basename(stem) === 'index') stems.add(path.dirname(stem));
    for (let dir = stem, depth = 0; depth < 4 && dir !== path.dirname(dir); dir = path.dirname(dir), depth++) segments.add(path.basename(dir));
  }
  const mayName = (importer: string, specifier: string): boolean => {
    // the last segment names the module or its folder in every form
    const last = specifier.replace(/\/+$/, '').split('/').pop()!.replace(/\.[cm]?[jt]sx?$/, '');
    if (!segments.has(last) && last !== '.' && last !== '..') return false;
    if (/^\.\.?(?:\/|$)/.test(specifier)) {
      const base = path.resolve(path.dirname(importer), specifier);
      return stems.has(base) || stems.has(base.slice(0, base.length - path.extname(base).length));
    }
    return !path.isAbsolute(specifier) && !isBuiltin(specifier);
  };
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
    if (isTestPath(file.realPath)) continue;
    let text = file.text;
    if (text === undefined) {
      try {
        text = fs.readFileSync(file.realPath, 'utf8');
      } catch {
        continue;
      }
    }
    // the specifiers alone first (one quick pass): most files import none of the modules
    if (!Array.from(text.matchAll(SPECIFIER), (m) => m[2]).some((specifier) => mayName(file.realPath, specifier))) continue;
    for (const { specifier, imports } of importsOf(text)) {
      // looked at only when it may name a module asked about, and resolved (file-system
      // lookups) only when it takes one of the names asked about
      if (!mayName(file.realPath, specifier)) continue;
      const taken = names.filter((name) => imports(name));
      if (taken.length === 0) continue;
      const resolved = resolveProjectModule(file.realPath, specifier);
      const target = resolved && real(resolved);
      const wanted = target && target !== file.realPath ? asked.get(target) : undefined;
      if (!wanted) continue;
      for (const name of wanted) {
        if (!taken.includes(name)) continue;
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

/** Where a module is named: `from '...'`, `require('...')`, `import('...')`. */
const SPECIFIER = /(?:\bfrom|\brequire\s*\(|\bimport\s*\(|\bimport)\s*(['"])([^'"\n]+)\1/g;

/** The modules a text imports, each with a test of whether an export name is taken from it:
 * by a named import (`import { parseBody } from`), a destructuring or a property of `require`
 * (`const { parseBody } = require(...)`, `require(...).parseBody`), or as a property of the
 * module's default or namespace import (`http.parseBody`). Type-only imports take nothing. */
export function importsOf(text: string): { specifier: string; imports: (name: string) => boolean }[] {
  const out: { specifier: string; imports: (name: string) => boolean }[] = [];
  // `local.name` (or `local?.name`) in the text
  const member = (local: string, name: string) => text.includes(`${local}.${name}`) || text.includes(`${local}?.${name}`);
  for (const m of text.matchAll(/\bimport\s+(?!type\s*[{*\w])([^'";]*?)\s*\bfrom\s*(['"])([^'"]+)\2/g)) {
    const clause = m[1];
    const named = new Set<string>();
    const locals: string[] = [];
    const braces = /\{([^}]*)\}/.exec(clause);
    for (const part of braces?.[1].split(',') ?? []) {
      const p = /^\s*(type\s+)?([\w$]+)(?:\s+as\s+[\w$]+)?\s*$/.exec(part);
      if (p && !p[1]) named.add(p[2]);
    }
    const rest = clause.replace(/\{[^}]*\}/, '');
    const namespace = /\*\s*as\s+([\w$]+)/.exec(rest);
    if (namespace) locals.push(namespace[1]);
    const defaultImport = /^\s*([\w$]+)\s*(?:,|$)/.exec(rest);
    if (defaultImport) locals.push(defaultImport[1]);
    out.push({ specifier: m[3], imports: (name) => named.has(name) || locals.some((local) => member(local, name)) });
  }
  // (each pattern starts with a word, so that a large text is read quickly)
  for (const m of text.matchAll(/\b(?:const|let|var)\s+(\{[^}]*\}|[\w$]+)\s*=\s*(?:await\s+)?require\s*\(\s*(['"])([^'"]+)\2\s*\)(\s*\.\s*[\w$]+)?/g)) {
    const [, target, , specifier, property] = m;
    if (property) continue; // `const f = require('./m').a`: read below
    if (target.startsWith('{')) {
      const named = new Set(
        target
          .slice(1, -1)
          .split(',')
          .map((part) => /^\s*([\w$]+)\s*(?::|$|=)/.exec(part)?.[1])
          .filter((n): n is string => !!n),
      );
      out.push({ specifier, imports: (name) => named.has(name) });
    } else {
      out.push({ specifier, imports: (name) => member(target, name) });
    }
  }
  for (const m of text.matchAll(/\brequire\s*\(\s*(['"])([^'"]+)\1\s*\)\s*\.\s*([\w$]+)/g)) {
    const [, , specifier, property] = m;
    out.push({ specifier, imports: (name) => name === property });
  }
  return out;
}
