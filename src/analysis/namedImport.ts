// Making exports of a Node module available by name (`randomUUID` from `node:crypto`,
// `rmSync` from `node:fs`), in the module's own style: reuse a binding that is already
// there, else add the name to an existing `import { ... }` / `const { ... } = require(...)`
// of that module (what an author would write instead of a second import), else add a new
// import or require at the head of the module's imports.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { findNamedImport, freeName, identifierNames, isRequireOf, sameModule } from './imports';
import { indexForNewImport, insertInModule } from './insert';
import { parseStatements, quoted, semicolon } from './snippet';
import type { CodeStyle, ModuleKind } from './types';
import { programPath } from './scope';

type SourceMatcher = (specifier: string) => boolean;

/** `import { a } from 'm'` that can take one more named specifier (not a type-only
 * import, not a namespace import). */
function extendableImport(body: any[], matches: SourceMatcher): any | null {
  return (
    body.find(
      (s) =>
        s.type === 'ImportDeclaration' &&
        matches(String(s.source.value)) &&
        s.importKind !== 'type' &&
        (s.specifiers ?? []).some((x: any) => x.type === 'ImportSpecifier') &&
        !(s.specifiers ?? []).some((x: any) => x.type === 'ImportNamespaceSpecifier'),
    ) ?? null
  );
}

/** `const { a, b: c } = require('m')` whose pattern holds plain properties only. */
function extendableRequire(body: any[], matches: SourceMatcher): any | null {
  for (const stmt of body) {
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      if (d.id.type !== 'ObjectPattern' || !isRequireOf(d.init, matches)) continue;
      const plain = d.id.properties.every(
        (p: any) => (p.type === 'Property' || p.type === 'ObjectProperty') && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Identifier',
      );
      if (plain) return d;
    }
  }
  return null;
}

function specifierText(imported: string, local: string, separator: ' as ' | ': '): string {
  return imported === local ? imported : `${imported}${separator}${local}`;
}

/** Adds `{ imported: local }` pairs to the module's first extendable named import or
 * destructuring require that `matches`. Returns false, changing nothing, when there is none. */
function extendNamedImport(j: JSCodeshift, body: any[], kind: ModuleKind | null, matches: SourceMatcher, names: [string, string][]): boolean {
  const declaration = extendableImport(body, matches);
  if (declaration) {
    for (const [imported, local] of names) {
      declaration.specifiers.push(
        // `local` always set: code that reads the specifiers later (another transform) expects it
        j.importSpecifier(j.identifier(imported), j.identifier(local)),
      );
    }
    return true;
  }
  const required = kind === 'esm' ? null : extendableRequire(body, matches);
  if (!required) return false;
  // rebuilt from its names so that it stays on one line (recast would print a changed
  // pattern one property per line)
  const existing = required.id.properties.map((p: any) => specifierText(p.key.name, p.value.name, ': '));
  const added = names.map(([imported, local]) => specifierText(imported, local, ': '));
  const [rebuilt] = parseStatements(j, `const { ${[...existing, ...added].join(', ')} } = x`);
  required.id = rebuilt.declarations[0].id;
  return true;
}

/** Adds `names` (imported under their own names) to an existing named import or
 * destructuring require of a module that `matches`. Returns false, changing nothing, when
 * there is no such import or when one of the names is already taken in the file. */
export function addToNamedImport(j: JSCodeshift, root: Collection<any>, matches: SourceMatcher, names: string[]): boolean {
  const used = identifierNames(j, root);
  if (names.some((name) => used.has(name))) return false;
  const body: any[] = programPath(j, root)!.node.body;
  return extendNamedImport(j, body, null, matches, names.map((name) => [name, name]));
}

/** Returns the local name under which `imported` from `source` is available at module
 * level, adding it when it is not there. */
export function ensureNamedImport(
  j: JSCodeshift,
  root: Collection<any>,
  kind: ModuleKind,
  source: string,
  imported: string,
  style: CodeStyle,
): string {
  const existing = findNamedImport(j, root, source, imported);
  if (existing) return existing;
  const local = freeName(j, root, imported);
  const body: any[] = programPath(j, root)!.node.body;

  if (extendNamedImport(j, body, kind, (specifier) => sameModule(specifier, source), [[imported, local]])) return local;

  const moduleName = quoted(source, style);
  const code =
    kind === 'esm'
      ? `import { ${specifierText(imported, local, ' as ')} } from ${moduleName}${semicolon(style)}`
      : `const { ${specifierText(imported, local, ': ')} } = require(${moduleName})${semicolon(style)}`;
  insertInModule(j, root, parseStatements(j, code), indexForNewImport(j, root));
  return local;
}
