// Recognising the module-level code the `container-id` transform writes:
//   const containerId = randomUUID();   (or crypto.randomUUID(), any free name)
//   let invocationCount = 0;
// `container-id` uses this to see its own work on a second run. The counter is deliberate
// per-environment state; `globals` recognises the same shape on its own terms
// (./environmentState.ts, `isEnvironmentCounter`), so a change to the shape goes in both.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { findModuleBinding, findNamedImport } from './imports';
import { programPath } from './scope';

export const CRYPTO_MODULE = 'node:crypto';

export interface ContainerIdCode {
  /** The binding holding the environment id. */
  idName: string;
  /** The invocation counter, incremented at the top of each handler. */
  counterName: string;
  /** The two module-level declarations, in order. */
  statements: [any, any];
}

/** `randomUUID()` (imported from crypto) or `crypto.randomUUID()`, with no arguments. */
function isRandomUUIDCall(j: JSCodeshift, root: Collection<any>, init: any): boolean {
  if (init?.type !== 'CallExpression' || init.arguments.length !== 0) return false;
  const callee = init.callee;
  if (callee.type === 'Identifier') return callee.name === findNamedImport(j, root, CRYPTO_MODULE, 'randomUUID');
  if (callee.type !== 'MemberExpression' || callee.computed || callee.object.type !== 'Identifier' || callee.property.name !== 'randomUUID') return false;
  return callee.object.name === findModuleBinding(j, root, CRYPTO_MODULE);
}

export function singleDeclarator(stmt: any, kind: 'const' | 'let'): any | null {
  if (stmt?.type !== 'VariableDeclaration' || stmt.kind !== kind || stmt.declarations.length !== 1) return null;
  const d = stmt.declarations[0];
  return d.id.type === 'Identifier' ? d : null;
}

function isZero(node: any): boolean {
  return (node?.type === 'Literal' || node?.type === 'NumericLiteral') && node.value === 0;
}

/** The id and counter `container-id` added to this module, or null. */
export function findContainerIdCode(j: JSCodeshift, root: Collection<any>): ContainerIdCode | null {
  const body: any[] = programPath(j, root)!.node.body;
  for (let i = 0; i + 1 < body.length; i++) {
    const id = singleDeclarator(body[i], 'const');
    const counter = singleDeclarator(body[i + 1], 'let');
    if (id && counter && isZero(counter.init) && isRandomUUIDCall(j, root, id.init)) {
      return { idName: id.id.name, counterName: counter.id.name, statements: [body[i], body[i + 1]] };
    }
  }
  return null;
}

/** `<counter> += 1;`: the first statement container-id puts in a handler. */
export function incrementsCounter(stmt: any, counterName: string): boolean {
  const e = stmt?.type === 'ExpressionStatement' ? stmt.expression : null;
  return e?.type === 'AssignmentExpression' && e.operator === '+=' && e.left.type === 'Identifier' && e.left.name === counterName;
}
