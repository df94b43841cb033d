// A handler that another handler of the same module calls (`processBatch` awaiting
// `exports.processOne(record)` for each record). Code the transforms put at the top of
// the called handler would also run in the middle of the caller's invocation: a state
// reset would wipe the caller's work, a /tmp preamble would delete its files, the
// container-id counter would count one invocation twice. Such a handler is left as it is
// and reported; the caller is migrated as usual.
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { findPaths } from './fastFind';
import { reachedBy } from './reach';
import { isReference } from './scope';
import type { HandlerInfo } from './types';

/** For each handler that a handler reaches (directly, through helpers, through the
 * module's exports, or itself by recursion), the first handler that does. */
export function handlersCalledByHandlers(j: JSCodeshift, handlers: HandlerInfo[]): Map<HandlerInfo, HandlerInfo> {
  const calledBy = new Map<HandlerInfo, HandlerInfo>();
  const byFunction = new Map<any, HandlerInfo>(handlers.map((h) => [h.fn.node, h]));
  for (const caller of handlers) {
    for (const unit of reachedBy(j, [caller.fn])) {
      const callee = byFunction.get(unit.node);
      if (callee && !calledBy.has(callee)) calledBy.set(callee, caller);
    }
    if (!calledBy.has(caller) && callsOwnName(j, caller.fn)) calledBy.set(caller, caller);
  }
  return calledBy;
}

/** `exports.handler = async function handler(event) { ... handler(next) ... }`: a function
 * expression that refers to itself by its own name (a name only it can see). */
function callsOwnName(j: JSCodeshift, fn: ASTPath<any>): boolean {
  const name: string | undefined = fn.node.type === 'FunctionExpression' ? fn.node.id?.name : undefined;
  if (!name) return false;
  return findPaths(j, fn, 'Identifier', (node) => node.name === name).some((p) => isReference(p) && p.scope?.lookup(name)?.node === fn.node);
}
