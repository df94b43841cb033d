// A module-level regular expression with the `g` or `y` flag remembers where its last match
// ended (`lastIndex`), and `.test()` / `.exec()` start from there. After an invocation that
// matched, the next one on a warm environment starts in the middle of its input:
//   const TOKEN_RE = /tok_[a-z]+/g;
//   exports.handler = async (event) => TOKEN_RE.test(event.header);  // true, then false
// A fresh regular expression differs from a used one only by `lastIndex`, so setting it back
// to 0 at the start of the handler makes every invocation start as a cold one does, while the
// constant stays a constant (helpers and module-level code keep using the same object).
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { ModuleBinding, Reference } from './bindings';
import { resolveScope } from './lexicalScope';
import { calleeName } from './mutation';
import { mentions } from './resetStatement';
import { parseStatements, semicolon } from './snippet';
import type { CodeStyle, HandlerInfo } from './types';

const MEMBER = new Set(['MemberExpression', 'OptionalMemberExpression']);
/** RegExp methods that read and move `lastIndex` of a global or sticky expression. */
const STATEFUL_METHODS = new Set(['test', 'exec']);
/** String methods that move `lastIndex` of a sticky, non-global expression handed to them. */
const STICKY_STRING_METHODS = new Set(['match', 'replace']);

/** The flags of a regular expression literal or `new RegExp(source, 'flags')`, or null. */
export function regexFlags(init: ASTPath<any>): string | null {
  const node = init.node;
  if (node.type === 'RegExpLiteral') return node.flags ?? '';
  if (node.type === 'Literal' && node.regex) return node.regex.flags ?? '';
  if ((node.type === 'NewExpression' || node.type === 'CallExpression') && node.callee.type === 'Identifier' && node.callee.name === 'RegExp' && resolveScope(init.get('callee')) === null) {
    const flags = node.arguments[1];
    if (!flags) return '';
    return (flags.type === 'StringLiteral' || flags.type === 'Literal') && typeof flags.value === 'string' ? flags.value : null;
  }
  return null;
}

/** True for a global or sticky regular expression whose only changes are `NAME.lastIndex = ...`. */
export function isStatefulRegex(binding: ModuleBinding): boolean {
  const init = binding.declarator?.node.init ? binding.declarator.get('init') : null;
  const flags = init ? regexFlags(init) : null;
  if (flags === null || !/[gy]/.test(flags)) return false;
  return binding.references.every((r) => r.effect.kind === 'read' || r.effect.kind === 'passed' || isLastIndexWrite(r));
}

function isLastIndexWrite(ref: Reference): boolean {
  const member = ref.path.parent?.node;
  return ref.effect.kind === 'member-write' && MEMBER.has(member?.type) && !member.computed && member.property.name === 'lastIndex';
}

/** The references that move `lastIndex`: `RE.test(s)`, `RE.exec(s)`, and for a sticky
 * non-global expression `s.match(RE)` / `s.replace(RE, ...)`. */
export function statefulUses(binding: ModuleBinding): Reference[] {
  const init = binding.declarator!.get('init');
  const flags = regexFlags(init) ?? '';
  return binding.references.filter((r) => {
    const parent = r.path.parent?.node;
    if (MEMBER.has(parent?.type) && parent.object === r.path.node && !parent.computed && STATEFUL_METHODS.has(parent.property.name)) {
      const call = r.path.parent.parent?.node;
      return (call?.type === 'CallExpression' || call?.type === 'OptionalCallExpression') && call.callee === parent;
    }
    if (flags.includes('g') || r.effect.kind !== 'passed') return false;
    const method = calleeName(parent.callee).split('.').pop() ?? '';
    return STICKY_STRING_METHODS.has(method) || method === 'replaceAll';
  });
}

/** `NAME.lastIndex = 0;` in the file's style. */
export function lastIndexReset(j: JSCodeshift, name: string, style: CodeStyle): any {
  return parseStatements(j, `${name}.lastIndex = 0${semicolon(style)}`)[0];
}

/** True when the handler body already starts by setting `NAME.lastIndex` (before any other
 * statement that uses `NAME`): a second run adds nothing. */
export function hasLastIndexResetAtTop(handler: HandlerInfo, name: string): boolean {
  const body = (handler.fn.node as any).body;
  if (body?.type !== 'BlockStatement') return false;
  for (const statement of body.body) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : null;
    const target = expression?.type === 'AssignmentExpression' && expression.operator === '=' ? expression.left : null;
    if (target && MEMBER.has(target.type) && target.object.type === 'Identifier' && target.object.name === name && !target.computed && target.property.name === 'lastIndex') return true;
    if (mentions(statement, name)) return false;
  }
  return false;
}
