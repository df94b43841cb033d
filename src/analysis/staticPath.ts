// What a path expression evaluates to without running the code: string and template
// literals, `+`, `path.join`/`resolve`/`normalize` (also imported by name, also from
// `node:path`), `os.tmpdir()` (also `tmpdir()` imported by name) and `const` bindings
// followed through scope. Anything else (the event, a `let`, a parameter, a call) is a
// dynamic part, and evaluation keeps the static text in front of it.
import { posix } from 'node:path';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findPaths } from './fastFind';
import { findModuleBinding, findNamedImport } from './imports';
import { isAssignmentTarget } from './mutation';
import { shortened } from './sourceExcerpt';

export type StringValue =
  | { static: true; text: string; dotDot: boolean }
  | {
      static: false;
      /** The static text in front of the first dynamic part. */
      prefix: string;
      /** The dynamic part starts a new path segment (it came in through `path.join`). */
      atSegment: boolean;
      dotDot: boolean;
      /** What the dynamic part is, for messages: "`event.key`", "`name` is a parameter". */
      reason: string;
      /** `process.env.DIR || '/tmp/dir'`: the static text the value is when the dynamic part
       * is unset (only while nothing static stands in front of it). */
      fallback?: string;
    };

/** Where `path` and `os` are bound in one module. */
export interface PathBindings {
  path: string | null;
  os: string | null;
  join: string | null;
  resolve: string | null;
  normalize: string | null;
  tmpdir: string | null;
}

/** The directory Lambda gives a function for scratch files (what `os.tmpdir()` returns there). */
export const LAMBDA_TMP = '/tmp';

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'TypeCastExpression', 'ParenthesizedExpression']);
const MAX_DEPTH = 16;

export function findPathBindings(j: JSCodeshift, root: Collection<any>): PathBindings {
  return {
    path: findModuleBinding(j, root, 'path'),
    os: findModuleBinding(j, root, 'os'),
    join: findNamedImport(j, root, 'path', 'join'),
    resolve: findNamedImport(j, root, 'path', 'resolve'),
    normalize: findNamedImport(j, root, 'path', 'normalize'),
    tmpdir: findNamedImport(j, root, 'os', 'tmpdir'),
  };
}

function hasDotDot(text: string): boolean {
  return text.split('/').includes('..');
}

function staticValue(text: string): StringValue {
  return { static: true, text, dotDot: hasDotDot(text) };
}

function dynamicValue(reason: string): StringValue {
  return { static: false, prefix: '', atSegment: false, dotDot: false, reason };
}

function concat(a: StringValue, b: StringValue): StringValue {
  if (!a.static) return { ...a, dotDot: a.dotDot || b.dotDot };
  if (b.static) return staticValue(a.text + b.text);
  return { ...b, prefix: a.text + b.prefix, atSegment: b.prefix !== '' && b.atSegment, dotDot: a.dotDot || b.dotDot, fallback: a.text === '' ? b.fallback : undefined };
}

/** A short excerpt of the code, for messages. */
function excerpt(j: JSCodeshift, p: ASTPath<any>): string {
  const text = j(p).toSource().split('\n')[0];
  return shortened(text, 40);
}

function isModuleName(p: ASTPath<any>, node: any, name: string | null): boolean {
  if (!name || node?.type !== 'Identifier' || node.name !== name) return false;
  const scope = p.scope?.lookup(name);
  return !!scope && scope.isGlobal;
}

/** Which `path` function a callee names (`join`, `resolve`, `normalize`), or null. */
function pathFunction(p: ASTPath<any>, callee: any, bindings: PathBindings): string | null {
  for (const fn of ['join', 'resolve', 'normalize'] as const) {
    if (isModuleName(p, callee, bindings[fn])) return fn;
  }
  if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return null;
  let object = callee.object;
  // path.posix.join is the same as path.join on Lambda
  if (object.type === 'MemberExpression' && !object.computed && object.property.name === 'posix') object = object.object;
  return isModuleName(p, object, bindings.path) && ['join', 'resolve', 'normalize'].includes(callee.property.name) ? callee.property.name : null;
}

function isTmpdirCall(p: ASTPath<any>, callee: any, bindings: PathBindings): boolean {
  if (isModuleName(p, callee, bindings.tmpdir)) return true;
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.name === 'tmpdir' && isModuleName(p, callee.object, bindings.os);
}

/** True when the callee is a `path` or `os` function: its arguments are parts of a path,
 * not a path handed to code the analysis does not see. */
export function isPathOrOsCall(p: ASTPath<any>, bindings: PathBindings): boolean {
  const callee = p.node.callee;
  if (pathFunction(p, callee, bindings) || isTmpdirCall(p, callee, bindings)) return true;
  if (callee.type !== 'MemberExpression') return false;
  let object = callee.object;
  if (object.type === 'MemberExpression' && !object.computed && object.property.name === 'posix') object = object.object;
  return isModuleName(p, object, bindings.path) || isModuleName(p, object, bindings.os);
}

function joinValues(parts: StringValue[], fn: string): StringValue {
  const dotDot = parts.some((v) => v.dotDot);
  if (fn === 'resolve') {
    // resolve restarts at the last absolute part; without one the result depends on the working directory
    let lastAbsolute = -1;
    parts.forEach((v, i) => {
      if (v.static && v.text.startsWith('/')) lastAbsolute = i;
    });
    if (lastAbsolute < 0) return dynamicValue('a path relative to the working directory');
    parts = parts.slice(lastAbsolute);
  }
  const firstDynamic = parts.findIndex((v) => !v.static);
  const statics = (firstDynamic < 0 ? parts : parts.slice(0, firstDynamic)).map((v) => (v.static ? v.text : ''));
  // with a `..` keep the text as written: normalising could hide where it started
  const joined = statics.length === 0 ? '' : dotDot ? statics.join('/') : posix.join(...statics);
  if (firstDynamic < 0) return { static: true, text: joined, dotDot };
  const dynamic = parts[firstDynamic] as StringValue & { static: false };
  const prefix = joined === '' ? dynamic.prefix : posix.join(joined, dynamic.prefix === '' ? '/' : dynamic.prefix);
  return { ...dynamic, prefix, atSegment: dynamic.prefix === '' || dynamic.atSegment, dotDot, fallback: joined === '' ? dynamic.fallback : undefined };
}

/** Evaluates the expression at `p` as far as it is static. */
export function evaluateString(j: JSCodeshift, p: ASTPath<any>, bindings: PathBindings, depth = 0): StringValue {
  const node = p.node;
  if (depth > MAX_DEPTH) return dynamicValue('a chain of constants too long to follow');
  if (TS_WRAPPERS.has(node.type)) return evaluateString(j, p.get('expression'), bindings, depth + 1);
  if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof node.value === 'string') return staticValue(node.value);
  if (node.type === 'TemplateLiteral') {
    let value = staticValue('');
    node.quasis.forEach((quasi: any, i: number) => {
      value = concat(value, staticValue(quasi.value.cooked ?? quasi.value.raw));
      if (i < node.expressions.length) value = concat(value, evaluateString(j, p.get('expressions', i), bindings, depth + 1));
    });
    return value;
  }
  if (node.type === 'BinaryExpression' && node.operator === '+') {
    return concat(evaluateString(j, p.get('left'), bindings, depth + 1), evaluateString(j, p.get('right'), bindings, depth + 1));
  }
  if (node.type === 'CallExpression') {
    if (isTmpdirCall(p, node.callee, bindings)) return staticValue(LAMBDA_TMP);
    const fn = pathFunction(p, node.callee, bindings);
    if (fn && node.arguments.length > 0 && !node.arguments.some((a: any) => a.type === 'SpreadElement')) {
      const parts = node.arguments.map((_: any, i: number) => evaluateString(j, p.get('arguments', i), bindings, depth + 1));
      if (fn === 'normalize') {
        const [value] = parts;
        return value.static ? { static: true, text: posix.normalize(value.text), dotDot: value.dotDot } : value;
      }
      return joinValues(parts, fn);
    }
  }
  if (node.type === 'Identifier') return evaluateIdentifier(j, p, bindings, depth);
  // `process.env.DATA_DIR || '/tmp/data'`: whatever the left names, else the static right
  if (node.type === 'LogicalExpression' && (node.operator === '||' || node.operator === '??')) {
    const right = evaluateString(j, p.get('right'), bindings, depth + 1);
    if (right.static && !right.dotDot) return { static: false, prefix: '', atSegment: false, dotDot: false, reason: `\`${excerpt(j, p.get('left'))}\``, fallback: right.text };
  }
  return dynamicValue(`\`${excerpt(j, p)}\``);
}

/** True when no code in `scopePath` gives `name` another value (`name = ...`, `name += ...`,
 * `name++`, `[name] = ...`, `for (name of ...)`): a `let` or `var` written only where it is
 * declared holds its initial value, as a `const` would. A shadowing local of the same name
 * that is assigned counts too (the answer is then only cautious). */
function neverAssigned(j: JSCodeshift, scopePath: ASTPath<any>, name: string): boolean {
  return findPaths(j, scopePath, 'Identifier', (node: any) => node.name === name).every((id) => !isAssignmentTarget(id).target);
}

/** Follows a name to its `const` initializer (or that of a `let`/`var` never given another
 * value); any other binding is a dynamic part. */
function evaluateIdentifier(j: JSCodeshift, p: ASTPath<any>, bindings: PathBindings, depth: number): StringValue {
  const name = p.node.name;
  const scope = p.scope?.lookup(name);
  const declared: ASTPath<any> | undefined = scope?.getBindings()[name]?.slice(-1)[0];
  const declarator = declared?.parent;
  if (!declarator || declarator.node.type !== 'VariableDeclarator' || declarator.node.id !== declared!.node) {
    return dynamicValue(`\`${name}\``);
  }
  if (!declarator.node.init) return dynamicValue(`\`${name}\``);
  if (declarator.parent?.node.kind !== 'const' && !(scope.getBindings()[name].length === 1 && neverAssigned(j, scope.path, name))) {
    // it can be given another value: when it starts under /tmp, all that is known is /tmp
    const initial = evaluateString(j, declarator.get('init'), bindings, depth + 1);
    const text = initial.static ? initial.text : initial.prefix;
    const underTmp = text.startsWith(`${LAMBDA_TMP}/`);
    return { static: false, prefix: underTmp ? `${LAMBDA_TMP}/` : '', atSegment: underTmp, dotDot: false, reason: `\`${name}\`, a variable that can change` };
  }
  return evaluateString(j, declarator.get('init'), bindings, depth + 1);
}
