// How a module reaches Node's file system API, so that calls can be recognised whatever
// the import style (`require('fs')`, `import * as fs from 'node:fs'`, `import { promises
// as fsp } from 'fs'`, `require('fs/promises')`, `import { writeFileSync } from 'fs'`,
// TypeScript's `import fs = require('fs')`) and generated code can reuse the binding the
// author already has.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { programPath } from './scope';
import { isImportEqualsRequire } from './imports';
import { resolveNameAt } from './lexicalScope';

/** `fs` is the callback and `*Sync` API; `promises` is `fs.promises` / `fs/promises`. */
export type FsApi = 'fs' | 'promises';

export interface FsBindings {
  /** Local names bound to the whole `fs` module. */
  modules: string[];
  /** Local names bound to `fs.promises` or the `fs/promises` module. */
  promises: string[];
  /** Local names of functions imported by name: `writeFileSync` → { api: 'fs', method: 'writeFileSync' }. */
  named: Map<string, { api: FsApi; method: string }>;
}

export interface FsCall {
  api: FsApi;
  /** The method as Node names it (`writeFileSync`, `mkdir`, `rm`). */
  method: string;
}

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TypeCastExpression', 'ParenthesizedExpression']);

function unwrap(node: any): any {
  while (node && TS_WRAPPERS.has(node.type)) node = node.expression;
  return node;
}

/** 'fs' or 'promises' for the specifiers `fs`, `node:fs`, `fs/promises`, `node:fs/promises`. */
export function fsModuleApi(specifier: unknown): FsApi | null {
  if (typeof specifier !== 'string') return null;
  const name = specifier.replace(/^node:/, '');
  if (name === 'fs') return 'fs';
  if (name === 'fs/promises') return 'promises';
  return null;
}

/** `require('fs')` → 'fs', `require('fs').promises` → 'promises', anything else → null. */
function requiredApi(init: any): FsApi | null {
  init = unwrap(init);
  if (!init) return null;
  if (init.type === 'MemberExpression' && !init.computed && init.property.name === 'promises' && requiredApi(init.object) === 'fs') {
    return 'promises';
  }
  if (init.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' && init.arguments.length === 1) {
    return fsModuleApi(init.arguments[0].value);
  }
  return null;
}

function addNamed(bindings: FsBindings, api: FsApi, imported: string, local: string): void {
  if (api === 'fs' && imported === 'promises') bindings.promises.push(local);
  else bindings.named.set(local, { api, method: imported });
}

/** Every module-level binding of `fs` and `fs/promises`. */
export function findFsBindings(j: JSCodeshift, root: Collection<any>): FsBindings {
  const bindings: FsBindings = { modules: [], promises: [], named: new Map() };
  const body: any[] = programPath(j, root)!.node.body;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration' && stmt.importKind !== 'type') {
      const api = fsModuleApi(stmt.source.value);
      if (!api) continue;
      for (const s of stmt.specifiers ?? []) {
        if (s.type === 'ImportDefaultSpecifier' || s.type === 'ImportNamespaceSpecifier') {
          (api === 'fs' ? bindings.modules : bindings.promises).push(s.local.name);
        } else if (s.type === 'ImportSpecifier' && s.importKind !== 'type') {
          addNamed(bindings, api, s.imported.name ?? s.imported.value, s.local.name);
        }
      }
    } else if (isImportEqualsRequire(stmt)) {
      const api = fsModuleApi(stmt.moduleReference.expression.value);
      if (api) (api === 'fs' ? bindings.modules : bindings.promises).push(stmt.id.name);
    } else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) {
        const init = unwrap(d.init);
        let api = requiredApi(init);
        // const fsp = fs.promises, with fs bound above
        if (!api && init?.type === 'MemberExpression' && !init.computed && init.property.name === 'promises' && init.object.type === 'Identifier' && bindings.modules.includes(init.object.name)) {
          api = 'promises';
        }
        if (!api) continue;
        if (d.id.type === 'Identifier') {
          (api === 'fs' ? bindings.modules : bindings.promises).push(d.id.name);
        } else if (d.id.type === 'ObjectPattern') {
          for (const p of d.id.properties) {
            if ((p.type === 'ObjectProperty' || p.type === 'Property') && !p.computed && p.key.type === 'Identifier' && p.value.type === 'Identifier') {
              addNamed(bindings, api, p.key.name, p.value.name);
            }
          }
        }
      }
    }
  }
  return bindings;
}

/** True when `name`, seen from `path`, is the module-level binding of that name (not a
 * local or parameter that shadows it), block by block: a `const fs` inside an inner block
 * does not hide the module's `fs` outside it. */
export function isModuleFsBinding(path: ASTPath<any>, name: string): boolean {
  return resolveNameAt(path, name)?.isGlobal === true;
}

/** The file system function a call invokes, or null when it is not one. */
export function fsCallOf(bindings: FsBindings, call: ASTPath<any>): FsCall | null {
  const callee = unwrap(call.node.callee);
  if (!callee) return null;
  if (callee.type === 'Identifier') {
    const named = bindings.named.get(callee.name);
    return named && isModuleFsBinding(call, callee.name) ? { ...named } : null;
  }
  if ((callee.type !== 'MemberExpression' && callee.type !== 'OptionalMemberExpression') || callee.computed || callee.property.type !== 'Identifier') return null;
  const method = callee.property.name;
  const object = unwrap(callee.object);
  // require('fs').writeFileSync(...), require('fs').promises.readFile(...)
  const inline = requiredApi(object);
  if (inline) return { api: inline, method };
  if (object.type === 'Identifier' && isModuleFsBinding(call, object.name)) {
    if (bindings.modules.includes(object.name)) return { api: 'fs', method };
    if (bindings.promises.includes(object.name)) return { api: 'promises', method };
  }
  // fs.promises.writeFile(...)
  if (object.type === 'MemberExpression' && !object.computed && object.property.name === 'promises') {
    const base = unwrap(object.object);
    if (base.type === 'Identifier' && bindings.modules.includes(base.name) && isModuleFsBinding(call, base.name)) return { api: 'promises', method };
  }
  return null;
}
