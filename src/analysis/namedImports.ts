// Adding names to an import the module already has (`import { a } from 'x'` becomes
// `import { a, b } from 'x'`, `const { a } = require('x')` becomes `const { a, b } = ...`),
// which is what an author would write instead of a second import of the same module.
import type { Collection, JSCodeshift } from 'jscodeshift';

/** Adds `names` to the module's first named import or destructuring `require` of a
 * module that `matches`. Returns false (and changes nothing) when there is no such import
 * or when one of the names is already taken anywhere in the file. */
export function addToNamedImport(j: JSCodeshift, root: Collection<any>, matches: (specifier: string) => boolean, names: string[]): boolean {
  const used = new Set<string>();
  root.find(j.Identifier).forEach((p) => used.add(p.node.name));
  if (names.some((name) => used.has(name))) return false;

  const body: any[] = root.find(j.Program).get().node.body;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration' && stmt.importKind !== 'type' && matches(String(stmt.source.value))) {
      const specifiers: any[] = stmt.specifiers ?? [];
      if (specifiers.length === 0 || specifiers.some((s) => s.type !== 'ImportSpecifier')) continue;
      for (const name of names) specifiers.push(j.importSpecifier(j.identifier(name)));
      return true;
    }
    if (stmt.type !== 'VariableDeclaration') continue;
    for (const d of stmt.declarations) {
      const init = d.init;
      const required = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && typeof init.arguments[0]?.value === 'string';
      if (!required || d.id.type !== 'ObjectPattern' || !matches(init.arguments[0].value)) continue;
      if (d.id.properties.some((p: any) => p.type === 'RestElement')) continue;
      for (const name of names) {
        const property = j.objectProperty(j.identifier(name), j.identifier(name));
        property.shorthand = true;
        d.id.properties.push(property);
      }
      return true;
    }
  }
  return false;
}
