// The statement that gives shared module state a fresh value at the start of a handler
// (`hits = new Map();`), and recognising one that is already there, so that a second
// run adds nothing.
import type { JSCodeshift } from 'jscodeshift';
import { parseStatements, semicolon } from './snippet';
import { originalText } from './sourceExcerpt';
import type { CodeStyle, HandlerInfo } from './types';

const POSITION_FIELDS = new Set(['loc', 'start', 'end', 'range', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'original', 'tokens']);

/** A deep copy of an expression without its source positions, so that it prints as new code
 * (literals keep their raw text: `'a'` stays `'a'`, `1_000` stays `1_000`). */
export function cloneExpression<T>(node: T): T {
  if (Array.isArray(node)) return node.map(cloneExpression) as any;
  if (!node || typeof node !== 'object') return node;
  const copy: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (POSITION_FIELDS.has(key)) continue;
    copy[key] = key === 'extra' ? { ...(value as any) } : cloneExpression(value);
  }
  if (copy.extra) delete copy.extra.parenthesized;
  return copy;
}

/** Node types whose named field holds a property name when not computed. */
const PROPERTY_NAMES: Record<string, string> = {
  MemberExpression: 'property',
  OptionalMemberExpression: 'property',
  Property: 'key',
  ObjectProperty: 'key',
  ObjectMethod: 'key',
  ClassMethod: 'key',
  ClassProperty: 'key',
  MethodDefinition: 'key',
  PropertyDefinition: 'key',
};

/** `name = <initial value>;` (`name = undefined;` for a declaration without one), written
 * with the initial value's own source text so that it reads exactly as the declaration did
 * (`session = { userId: null, roles: [] };` stays on one line). */
export function resetStatement(j: JSCodeshift, name: string, init: any | null, style: CodeStyle, declaredType: string | null = null, emptyValue = 'undefined'): any {
  const text = init ? originalText(init) : emptyValue;
  if (text === null) return j.expressionStatement(j.assignmentExpression('=', j.identifier(name), cloneExpression(init)));
  const value = init && declaredType ? asDeclared(init, text, declaredType) : text;
  const [statement] = parseStatements(j, `${name} = ${value}${semicolon(style)}`);
  return statement;
}

/** TypeScript narrows a variable to the type of the value just assigned to it, and keeps that
 * narrowing across calls: after `status = 'idle'` at the top of a handler, `status === 'busy'`
 * no longer type-checks (TS2367), nor does `current.user` after `current = null`. A declared
 * type that narrowing can shrink (a union, `boolean`, a named type) is given back with `as`. */
export function narrowableTypeText(declarator: any): string | null {
  const annotation = declarator?.id?.typeAnnotation?.typeAnnotation;
  if (!annotation) return null;
  const narrowable =
    annotation.type === 'TSUnionType' || annotation.type === 'TSBooleanKeyword' || annotation.type === 'TSLiteralType' || (annotation.type === 'TSTypeReference' && !annotation.typeParameters);
  return narrowable ? originalText(annotation) : null;
}

/** TypeScript, a declaration without a value (`let id: string;`, `let user!: User;`): what
 * gives the variable back the `undefined` it started with, in a way its declared type takes.
 * `undefined` alone does not type-check against a type without it (TS2322), and would
 * narrow a union to `undefined` for the rest of the handler. */
export function emptyValueFor(declarator: any): string {
  const annotation = declarator?.id?.typeAnnotation?.typeAnnotation;
  const text = annotation ? originalText(annotation) : null;
  if (!annotation || text === null || annotation.type === 'TSAnyKeyword' || annotation.type === 'TSUnknownKeyword') return 'undefined';
  return takesUndefined(annotation) ? `undefined as ${text}` : `undefined as unknown as ${text}`;
}

/** True when `undefined` is surely one of the values of the type (`string | undefined`, `any`). */
export function takesUndefined(type: any): boolean {
  if (!type) return false;
  if (['TSAnyKeyword', 'TSUnknownKeyword', 'TSUndefinedKeyword', 'TSVoidKeyword'].includes(type.type)) return true;
  if (type.type === 'TSUnionType') return type.types.some(takesUndefined);
  if (type.type === 'TSParenthesizedType') return takesUndefined(type.typeAnnotation);
  return false;
}

/** `<init> as <type>`, with the value in parentheses unless it is a single term. */
export function asDeclared(init: any, text: string, declaredType: string): string {
  const simple = ['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'Literal', 'Identifier', 'ObjectExpression', 'ArrayExpression', 'CallExpression', 'MemberExpression', 'NewExpression', 'TemplateLiteral'].includes(init.type);
  return `${simple ? text : `(${text})`} as ${declaredType}`;
}

/** True when `node` contains the identifier `name` anywhere, other than as a property name
 * (`{ requestId: id }`, `log.message`), which reads no binding. */
export function mentions(node: any, name: string): boolean {
  if (!node || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some((n) => mentions(n, name));
  if (node.type === 'Identifier' && node.name === name) return true;
  const propertyName = PROPERTY_NAMES[node.type] && !node.computed ? node[PROPERTY_NAMES[node.type]] : null;
  for (const key of Object.keys(node)) {
    if (POSITION_FIELDS.has(key) || key === 'extra') continue;
    // a shorthand `{ name }` keeps its value as a node of its own, which is still visited
    if (propertyName !== null && node[key] === propertyName && !(node.shorthand && key === 'value')) continue;
    const value = node[key];
    if (value && typeof value === 'object' && mentions(value, name)) return true;
  }
  return false;
}

/** True when the handler body already starts by assigning `name` (`name = ...;` before any
 * other statement that mentions it): state that a handler resets is already per invocation. */
export function hasResetAtTop(handler: HandlerInfo, name: string): boolean {
  const body = (handler.fn.node as any).body;
  if (!body || body.type !== 'BlockStatement') return false;
  for (const statement of body.body) {
    const expression = statement.type === 'ExpressionStatement' ? statement.expression : null;
    if (expression?.type === 'AssignmentExpression' && expression.operator === '=' && expression.left.type === 'Identifier' && expression.left.name === name) {
      return !mentions(expression.right, name);
    }
    if (mentions(statement, name)) return false;
  }
  return false;
}
