// `--cache-ttl`: a lazy cache gets a timestamp beside it, its guard also reloads when the
// value is older than the TTL, and the code that fills it records when it did.
//   if (!config) config = await load();
// becomes
//   if (!config || Date.now() - configLoadedAt > 300_000) {
//     config = await load();
//     configLoadedAt = Date.now();
//   }
import type { JSCodeshift } from 'jscodeshift';
import type { LazyGuard } from './lazyGuard';

/** `300000` written as `300_000`, the way a person would write a duration in milliseconds. */
export function millisecondsLiteral(j: JSCodeshift, milliseconds: number): any {
  const literal: any = j.numericLiteral(milliseconds);
  const digits = String(milliseconds);
  literal.extra = { rawValue: milliseconds, raw: /^\d{5,}$/.test(digits) ? digits.replace(/\B(?=(\d{3})+$)/g, '_') : digits };
  return literal;
}

const dateNow = (j: JSCodeshift) => j.callExpression(j.memberExpression(j.identifier('Date'), j.identifier('now')), []);

/** True when a guard already expires (its test reads `Date.now()`): the expiry is in place. */
export function guardHasExpiry(guard: LazyGuard): boolean {
  const test = guard.ifStatement?.node.test;
  let found = false;
  const visit = (node: any) => {
    if (found || !node || typeof node !== 'object') return;
    if (node.type === 'MemberExpression' && node.object.name === 'Date' && node.property.name === 'now') found = true;
    else for (const key of Object.keys(node)) if (key !== 'loc' && key !== 'comments') (Array.isArray(node[key]) ? node[key] : [node[key]]).forEach((c: any) => c?.type && visit(c));
  };
  visit(test);
  return found;
}

/** Whether `addExpiry` can rewrite this guard (statement forms only). */
export function canAddExpiry(guard: LazyGuard): boolean {
  if (guard.form === 'logical-assign-statement') return true;
  const container = guard.write.parent?.parent?.node;
  return guard.form === 'if' && !!container && (Array.isArray(container.body) || container.type === 'IfStatement');
}

/** Rewrites one guard of cache `name` so that it also reloads after `ttlMs`, recording the
 * load time in `stampName`. */
export function addExpiry(j: JSCodeshift, guard: LazyGuard, name: string, stampName: string, ttlMs: number): void {
  const expired = j.binaryExpression('>', j.binaryExpression('-', dateNow(j), j.identifier(stampName)), millisecondsLiteral(j, ttlMs));
  const stamp = j.expressionStatement(j.assignmentExpression('=', j.identifier(stampName), dateNow(j)));
  const writeStatement = guard.write.parent;

  if (guard.form === 'if') {
    const ifNode = guard.ifStatement!.node;
    ifNode.test = j.logicalExpression('||', ifNode.test, expired);
    const container = writeStatement.parent.node;
    if (Array.isArray(container.body)) {
      container.body.splice(container.body.indexOf(writeStatement.node) + 1, 0, stamp);
    } else {
      // `if (!config) config = load();`: the consequent becomes a block
      const field = container.consequent === writeStatement.node ? 'consequent' : 'alternate';
      container[field] = j.blockStatement([writeStatement.node, stamp]);
    }
    return;
  }
  // config ??= load();  /  config ||= load();
  const write = guard.write.node;
  const empty =
    write.operator === '??='
      ? j.binaryExpression('==', j.identifier(name), j.nullLiteral())
      : j.unaryExpression('!', j.identifier(name));
  const fill = j.expressionStatement(j.assignmentExpression('=', j.identifier(name), write.right));
  const replacement: any = j.ifStatement(j.logicalExpression('||', empty, expired), j.blockStatement([fill, stamp]));
  replacement.comments = writeStatement.node.comments;
  writeStatement.replace(replacement);
}
