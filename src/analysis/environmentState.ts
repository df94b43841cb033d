// State that belongs to the execution environment on purpose, not to an invocation, in
// the shapes the other transforms write it (so that a second run of the whole pipeline
// leaves their output alone):
//   - an invocation counter declared beside the environment's id
//       const containerId = randomUUID();
//       let invocationCount = 0;          // `invocationCount += 1` at the top of the handler
//   - bookkeeping about clients, keyed by the client objects themselves
//       const lostConnections = new WeakSet();   // `lostConnections.add(db)` on 'error'
import type { ASTPath } from 'jscodeshift';
import type { ModuleBinding } from './bindings';
import { calleeName } from './mutation';
import { valueCreating } from './packageValues';

const CRYPTO = new Set(['crypto', 'node:crypto']);

/** `randomUUID()`, `crypto.randomUUID()`, or a renamed import of it (`const { randomUUID: newId } = require('crypto')`). */
function callsRandomUUID(callee: any, programBody: any[]): boolean {
  if (/(^|\.)randomUUID$/.test(calleeName(callee))) return true;
  if (callee.type !== 'Identifier') return false;
  for (const statement of programBody) {
    if (statement.type === 'ImportDeclaration' && CRYPTO.has(statement.source.value)) {
      if (statement.specifiers.some((s: any) => s.type === 'ImportSpecifier' && s.local.name === callee.name && (s.imported.name ?? s.imported.value) === 'randomUUID')) return true;
    }
    if (statement.type === 'VariableDeclaration') {
      for (const d of statement.declarations) {
        const source = d.init?.type === 'CallExpression' && d.init.callee.name === 'require' ? d.init.arguments[0]?.value : null;
        if (!CRYPTO.has(source) || d.id.type !== 'ObjectPattern') continue;
        if (d.id.properties.some((p: any) => p.key?.name === 'randomUUID' && p.value?.name === callee.name)) return true;
      }
    }
  }
  return false;
}

function isIncrementByOne(effect: any): boolean {
  const node = effect.kind === 'assign' ? effect.assignment?.node : null;
  if (!node) return false;
  if (node.type === 'UpdateExpression') return node.operator === '++';
  return node.operator === '+=' && (node.right.type === 'NumericLiteral' || node.right.type === 'Literal') && node.right.value === 1;
}

/** `let invocationCount = 0` declared right after `const id = randomUUID()` and only
 * incremented by one in top-level statements of handler bodies: it counts the invocations
 * of this environment. */
export function isEnvironmentCounter(binding: ModuleBinding): boolean {
  const statement = binding.statement;
  const body: any[] | undefined = statement.parent?.node.body;
  if (!Array.isArray(body)) return false;
  const previous = body[body.indexOf(statement.node) - 1];
  const environmentId =
    previous?.type === 'VariableDeclaration' &&
    previous.declarations.some((d: any) => d.init?.type === 'CallExpression' && callsRandomUUID(d.init.callee, body));
  if (!environmentId) return false;
  const writes = binding.references.filter((r) => r.effect.kind !== 'read');
  return (
    writes.length > 0 &&
    writes.every((r) => {
      if (!isIncrementByOne(r.effect) || r.place.at !== 'function') return false;
      const statementPath = (r.effect as any).assignment.parent as ASTPath<any>;
      const handlers = r.place.direct;
      return statementPath.node.type === 'ExpressionStatement' && handlers.some((h) => (h.fn.node as any).body === statementPath.parent?.node);
    })
  );
}

/** A `new WeakSet()` / `new WeakMap()` whose entries are only ever client objects (made by
 * package code): it records facts about the clients, which live as long as the environment. */
export function isClientBookkeeping(binding: ModuleBinding): boolean {
  const init = binding.declarator?.node.init;
  if (!(init?.type === 'NewExpression' && init.callee.type === 'Identifier' && (init.callee.name === 'WeakSet' || init.callee.name === 'WeakMap'))) return false;
  const changes = binding.references.filter((r) => r.effect.kind !== 'read');
  return (
    changes.length > 0 &&
    changes.every((r) => {
      if (r.effect.kind !== 'mutating-call') return false;
      const call = r.path.parent?.parent;
      const key = call?.node.type === 'CallExpression' && call.node.arguments.length > 0 ? call.get('arguments', 0) : null;
      return !!key && valueCreating(key) !== null;
    })
  );
}
