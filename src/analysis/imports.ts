// Finding an existing binding for a Node module and adding an import in the module's own
// style (`require` or `import`).
import type { Collection, JSCodeshift } from 'jscodeshift';
import type { ModuleKind } from './types';
import { indexForNewImport, insertInModule } from './insert';
import { programPath } from './scope';

const TYPE_DECLARATIONS = new Set(['TSInterfaceDeclaration', 'TSTypeAliasDeclaration']);

/** An import or export that TypeScript erases (`import type`, `export type`, an exported
 * interface or type alias): it does not make the module an ES module. */
function typeOnly(stmt: any): boolean {
  if (stmt.importKind === 'type' || stmt.exportKind === 'type') return true;
  return stmt.type === 'ExportNamedDeclaration' && !!stmt.declaration && TYPE_DECLARATIONS.has(stmt.declaration.type);
}

/** How the module writes its imports, which decides how an added import is written: ESM
 * when it has an import or export declaration that is not only about types (a `.cts` file
 * with `import type` and `exports.handler = ...` is CommonJS), else CommonJS. */
export function detectModuleKind(j: JSCodeshift, root: Collection<any>): ModuleKind {
  const body: any[] = programPath(j, root)!.node.body;
  const esm = body.some((s) => (s.type === 'ImportDeclaration' || s.type === 'ExportNamedDeclaration' || s.type === 'ExportDefaultDeclaration' || s.type === 'ExportAllDeclaration') && !typeOnly(s));
  return esm ? 'esm' : 'commonjs';
}

/** `fs` and `node:fs` are the same module. */
export function sameModule(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.replace(/^node:/, '') === b.replace(/^node:/, '');
}

/** `require('<specifier>')` whose specifier `matches`. */
export function isRequireOf(init: any, matches: (specifier: string) => boolean): boolean {
  return (
    init?.type === 'CallExpression' &&
    init.callee.type === 'Identifier' &&
    init.callee.name === 'require' &&
    init.arguments.length === 1 &&
    typeof init.arguments[0].value === 'string' &&
    matches(init.arguments[0].value)
  );
}

/** The local name under which the whole module (default or namespace import, or a plain
 * `require`) is bound at module level, or null. */
export function findModuleBinding(j: JSCodeshift, root: Collection<any>, source: string): string | null {
  const body: any[] = programPath(j, root)!.node.body;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration' && sameModule(String(stmt.source.value), source) && stmt.importKind !== 'type') {
      for (const s of stmt.specifiers ?? []) {
        if (s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier') return s.local.name;
      }
    }
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        if (d.id.type === 'Identifier' && isRequireOf(d.init, (specifier) => sameModule(specifier, source))) return d.id.name;
      }
    }
    // TypeScript's `import path = require('path')`
    if (isImportEqualsRequire(stmt) && sameModule(stmt.moduleReference.expression.value, source)) return stmt.id.name;
  }
  return null;
}

/** `import x = require('x')` (not `import type x = ...`). ast-types' scopes do not declare
 * the name it binds. */
export function isImportEqualsRequire(stmt: any): boolean {
  return stmt?.type === 'TSImportEqualsDeclaration' && stmt.importKind !== 'type' && stmt.moduleReference?.type === 'TSExternalModuleReference' && typeof stmt.moduleReference.expression?.value === 'string';
}

/** The local name of a named import (`import { randomUUID } from 'crypto'`,
 * `const { randomUUID } = require('crypto')`), or null. */
export function findNamedImport(j: JSCodeshift, root: Collection<any>, source: string, imported: string): string | null {
  const body: any[] = programPath(j, root)!.node.body;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration' && sameModule(String(stmt.source.value), source) && stmt.importKind !== 'type') {
      for (const s of stmt.specifiers ?? []) {
        if (s.type === 'ImportSpecifier' && (s.imported.name ?? s.imported.value) === imported && s.importKind !== 'type') return s.local.name;
      }
    }
    if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        if (d.id.type === 'ObjectPattern' && isRequireOf(d.init, (specifier) => sameModule(specifier, source))) {
          for (const p of d.id.properties) {
            if ((p.type === 'ObjectProperty' || p.type === 'Property') && p.key.type === 'Identifier' && p.key.name === imported && p.value.type === 'Identifier') {
              return p.value.name;
            }
          }
        }
      }
    }
  }
  return null;
}

/** A name not yet bound at module level: `preferred`, else `preferred2`, `preferred3`... */
export function freeName(j: JSCodeshift, root: Collection<any>, preferred: string): string {
  const used = identifierNames(j, root);
  if (!used.has(preferred)) return preferred;
  for (let i = 2; ; i++) if (!used.has(`${preferred}${i}`)) return `${preferred}${i}`;
}

const hasOwn = Object.prototype.hasOwnProperty;

/** The names of every Identifier (and JSXIdentifier, its subtype) in the tree: what
 * `root.find(j.Identifier)` reaches, walking the same fields in the same way (filling in a
 * missing field's default as ast-types' visitor does), without building a path object for
 * every node. freeName asks this several times per file; a search for a declaration of one
 * name can ask it first and skip the search when the name is nowhere. */
export function identifierNames(j: JSCodeshift, root: Collection<any>): Set<string> {
  const { getFieldNames, getFieldValue, namedTypes, getSupertypeNames } = j.types;
  const isIdentifier = (type: string): boolean => {
    let answer = identifierTypes.get(type);
    if (answer === undefined) {
      answer = type === 'Identifier' || ((namedTypes as any)[type] !== undefined && getSupertypeNames(type).includes('Identifier'));
      identifierTypes.set(type, answer);
    }
    return answer;
  };
  const names = new Set<string>();
  const pending: any[] = root.paths().map((p) => p.value);
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      for (const element of value) pending.push(element);
    } else if (Object.prototype.toString.call(value) === '[object Object]') {
      if (typeof value.type === 'string' && isIdentifier(value.type)) names.add(value.name);
      for (const field of getFieldNames(value)) {
        if (!hasOwn.call(value, field)) value[field] = getFieldValue(value, field);
        pending.push(value[field]);
      }
    }
  }
  return names;
}

/** Per node type: whether it is an Identifier to ast-types. */
const identifierTypes = new Map<string, boolean>();

/** Returns the local name bound to the whole module `source`, adding
 * `const name = require('source')` or `import * as name from 'source'` at the head of the
 * module's imports when there is none, or when the one there is not `usable` (a function
 * that declares the same name of its own cannot reach it). Uses a namespace import for ESM
 * (`import * as fs`), which works without esModuleInterop in TypeScript. */
export function ensureModuleBinding(j: JSCodeshift, root: Collection<any>, kind: ModuleKind, source: string, preferredName: string, usable: (name: string) => boolean = () => true): string {
  const existing = findModuleBinding(j, root, source);
  if (existing && usable(existing)) return existing;
  const name = freeName(j, root, preferredName);
  const statement =
    kind === 'esm'
      ? j.importDeclaration([j.importNamespaceSpecifier(j.identifier(name))], j.literal(source))
      : j.variableDeclaration('const', [j.variableDeclarator(j.identifier(name), j.callExpression(j.identifier('require'), [j.literal(source)]))]);
  insertInModule(j, root, [statement], indexForNewImport(j, root));
  return name;
}
