// A handler that another handler of the same module calls (`processBatch` awaiting
// `exports.processOne(record)` for each record). Code the transforms put at the top of
// the called handler would also run in the middle of the caller's invocation: a state
// reset would wipe the caller's work, a /tmp preamble would delete its files, the
// container-id counter would count one invocation twice. Such a handler is left as it is
// and reported; the caller is migrated as usual.
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { findIn, findPaths } from './fastFind';
import { commonJsExportPath, resolveToFunction } from './handlers';
import { isReference, mayNameModuleBinding } from './scope';
import type { HandlerInfo } from './types';

/** `exports.a.b` / `module.exports.a.b` → `a.b`; the bare `exports` / `module.exports`, and
 * anything else → null. */
export function exportedPathOf(node: any): string | null {
  return commonJsExportPath(node) || null;
}

/** For each handler that another handler refers to, the first handler that does. */
export function handlersCalledByHandlers(j: JSCodeshift, handlers: HandlerInfo[]): Map<HandlerInfo, HandlerInfo> {
  const calledBy = new Map<HandlerInfo, HandlerInfo>();
  if (handlers.length < 2) return calledBy;
  const byFunction = new Map<any, HandlerInfo>(handlers.map((h) => [h.fn.node, h]));
  const byName = new Map<string, HandlerInfo>(handlers.map((h) => [h.name, h]));

  for (const caller of handlers) {
    const note = (callee: HandlerInfo | undefined) => {
      if (callee && callee !== caller && !calledBy.has(callee)) calledBy.set(callee, caller);
    };
    findIn(j, caller.fn, 'MemberExpression').forEach((p) => {
      const name = exportedPathOf(p.node);
      if (name !== null) note(byName.get(name));
    });
    findPaths(j, caller.fn, 'Identifier', mayNameModuleBinding(caller.fn)).forEach((p: ASTPath<any>) => {
      if (!isReference(p) || p.scope?.lookup(p.node.name)?.isGlobal !== true) return;
      const fn = resolveToFunction(p, 0);
      if (fn) note(byFunction.get(fn.node));
    });
  }
  return calledBy;
}
