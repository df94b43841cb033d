// Making one export of a Node module available by name (`randomUUID` from `node:crypto`),
// in the module's own style: reuse a binding that is already there, else add the name to
// an existing `import { ... }` / `const { ... } = require(...)` of that module, else add
// a new import or require after the module's imports.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { findNamedImport, freeName } from './imports';
import { indexAfterImports, insertInModule } from './insert';
import { parseStatements, quoted, semicolon } from './snippet';
import type { CodeStyle, ModuleKind } from './types';

function sameModule(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.replace(/^node:/, '') === b.replace(/^node:/, '');
}

function isRequireOf(init: any, source: string): boolean {
  return (
    init?.type === 'CallExpression' &&
    init.callee.type === 'Identifier' &&
    init.callee.name === 'require' &&
    init.arguments.length === 1 &&
    sameModule(init.arguments[0].value, source)
  );
}

/** `import { a } from 'm'` that can take one more named specifier (not a type-only
 * import, not a namespace import). */
function extendableImport(body: any[], source: string): any | null {
  return (
    body.find(
      (s) =>
        s.type === 'ImportDeclaration' &&
        sameModule(s.source.value, source) &&
        s.importKind !== 'type' &&
        (s.specifiers ?? []).some((x: any) => x.type === 'ImportSpecifier') &&
        !(s.specifiers ?? []).some((x: any) => x.type === 'ImportNamespaceSpecifier'),
    ) ?? null
  );
}

/** `const { a, b: c } = require('m')` whose pattern holds plain properties only. */
function extendableRequire(body: any[], source: string): any | null {
  for (const stmt of body) {
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      if (d.id.type !== 'ObjectPattern' || !isRequireOf(d.init, source)) continue;
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
  const body: any[] = root.find(j.Program).get().node.body;

  const declaration = extendableImport(body, source);
  if (declaration) {
    declaration.specifiers.push(
      imported === local ? j.importSpecifier(j.identifier(imported)) : j.importSpecifier(j.identifier(imported), j.identifier(local)),
    );
    return local;
  }

  const required = kind === 'commonjs' ? extendableRequire(body, source) : null;
  if (required) {
    // rebuilt from its names so that it stays on one line (recast would print a changed
    // pattern one property per line)
    const names = required.id.properties.map((p: any) => specifierText(p.key.name, p.value.name, ': '));
    const [rebuilt] = parseStatements(j, `const { ${[...names, specifierText(imported, local, ': ')].join(', ')} } = x`);
    required.id = rebuilt.declarations[0].id;
    return local;
  }

  const moduleName = quoted(source, style);
  const code =
    kind === 'esm'
      ? `import { ${specifierText(imported, local, ' as ')} } from ${moduleName}${semicolon(style)}`
      : `const { ${specifierText(imported, local, ': ')} } = require(${moduleName})${semicolon(style)}`;
  insertInModule(j, root, parseStatements(j, code), indexAfterImports(j, root));
  return local;
}
