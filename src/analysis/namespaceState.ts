// State a TypeScript namespace keeps: `namespace Stats { export let calls = 0 }` compiles to an
// object made once, as the module loads, whose exported variables are its properties. A
// handler that changes one (`Stats.calls++`, `Stats.tags.push(x)`) keeps what it did for the
// next invocation. The binding analysis does not see these as module bindings, and moving or
// resetting them would change what the namespace is: `globals` reports them and keeps them.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { HandlerInfo } from './types';
import { findPaths } from './fastFind';
import { isMutation, referenceEffect } from './mutation';
import { reachFrom } from './reach';
import { resolveScope } from './lexicalScope';
import { sourceExcerpt } from './sourceExcerpt';

export interface NamespaceStateItem {
  line: number;
  column: number;
  message: string;
}

/** The module-level namespaces (`namespace Stats {}`, `export namespace Stats {}`, not
 * `declare namespace`), each with the variables it exports and where each is declared. */
function moduleNamespaces(root: Collection<any>): Map<string, Map<string, any>> {
  const out = new Map<string, Map<string, any>>();
  const top = root.paths()[0];
  const program = top?.value.type === 'File' ? top.value.program : top?.value;
  for (const statement of program?.body ?? []) {
    const ns = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (ns?.type !== 'TSModuleDeclaration' || ns.declare || ns.id?.type !== 'Identifier' || ns.body?.type !== 'TSModuleBlock') continue;
    const members = out.get(ns.id.name) ?? new Map<string, any>();
    for (const inner of ns.body.body) {
      if (inner.type !== 'ExportNamedDeclaration' || inner.declaration?.type !== 'VariableDeclaration') continue;
      for (const d of inner.declaration.declarations) if (d.id.type === 'Identifier') members.set(d.id.name, d);
    }
    if (members.size > 0) out.set(ns.id.name, members);
  }
  return out;
}

/** The statement a change sits in, shortened, and its line. */
function changeText(path: ASTPath<any>): string {
  let top = path;
  while (top.parent && !/Statement$|Declaration$|^VariableDeclarator$|Function|^ObjectMethod$|^ClassMethod$/.test(top.parent.node.type)) top = top.parent;
  return `\`${sourceExcerpt(top.node)}\`, line ${path.node.loc?.start.line}`;
}

/** One item for each exported variable of a module-level namespace that code a handler reaches
 * changes: assigns (`Stats.calls++`, `Stats.calls = 0`), writes a member of
 * (`Stats.byId[k] = v`) or calls a mutating method on (`Stats.tags.push(x)`). */
export function namespaceStateItems(j: JSCodeshift, root: Collection<any>, handlers: HandlerInfo[]): NamespaceStateItem[] {
  const namespaces = moduleNamespaces(root);
  if (namespaces.size === 0 || handlers.length === 0) return [];
  const items: NamespaceStateItem[] = [];
  const reported = new Set<string>();
  for (const handler of handlers) {
    for (const unit of reachFrom(j, [handler.fn])) {
      for (const member of findPaths(j, unit, 'MemberExpression')) {
        const node = member.node;
        if (node.object.type !== 'Identifier' || node.computed || node.property.type !== 'Identifier') continue;
        const declared = namespaces.get(node.object.name)?.get(node.property.name);
        const key = `${node.object.name}.${node.property.name}`;
        if (!declared || reported.has(key)) continue;
        // the namespace itself is no binding ast-types records: a name that resolves to one
        // other than the module's is a local of the same name
        const scope = resolveScope(member.get('object'));
        if (scope && !scope.isGlobal) continue;
        if (!isMutation(referenceEffect(member))) continue;
        reported.add(key);
        items.push({
          line: declared.loc?.start.line ?? node.loc?.start.line ?? 1,
          column: (declared.loc?.start.column ?? 0) + 1,
          message: `\`${key}\` is held in namespace \`${node.object.name}\`, which lives as long as the module: handler \`${handler.name}\` changes it (${changeText(member)}), so it leaks between invocations; kept, reset it at the top of the handler by hand`,
        });
      }
    }
  }
  return items;
}
