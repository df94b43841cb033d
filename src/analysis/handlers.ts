// Finding the functions Lambda calls: every export form the spec lists, resolved
// through scope and through wrappers (middy, streamifyResponse, any wrapper whose first
// argument is the function), down to the function that does the work.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findNodes } from './fastFind';
import { calleeName as dottedName, MUTATING_CALLS } from './mutation';
import { propertyName } from './scope';
import { originalText, shortened } from './sourceExcerpt';
import type { FunctionNode, HandlerInfo, HandlerStyle } from './types';

/** The name Lambda looks up when nothing else says which export is the handler
 * (CDK's NodejsFunction default). */
export const DEFAULT_HANDLER_NAME = 'handler';

export interface ExportedValue {
  /** Property path as a handler string names it (`handler`, `handlers.create`, `default`). */
  name: string;
  /** The exported expression (or declaration) path. */
  value: ASTPath<any>;
  line: number;
  column: number;
  /** Exported as the whole module (`module.exports = fn`, `export = fn`), named `default`. */
  wholeModule?: boolean;
  /** Assigned inside a module-level `if` (conditionalExports): Lambda may find it, or not. */
  conditional?: boolean;
  /** For a conditional export, the assignment. */
  at?: ASTPath<any>;
}

export interface FindHandlersOptions {
  /** Export names from `--handler` or a manifest. When absent: `handler` plus every exported
   * function whose first parameter is named `event`. */
  names?: string[];
  /** Without `names`: exports that other modules of the project import (helpers such as
   * `parseBody(event)`), which the first-parameter rule does not take for handlers. */
  imported?: string[];
}

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression']);
const TRANSPARENT_WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'TypeCastExpression',
  'ParenthesizedExpression',
]);

export function findHandlers(j: JSCodeshift, root: Collection<any>, options: FindHandlersOptions = {}): HandlerInfo[] {
  const exported = collectExports(j, root);
  const wanted = options.names && options.names.length > 0 ? new Set(options.names) : null;
  const handlers: HandlerInfo[] = [];
  const seen = new Map<any, HandlerInfo>();
  let browser: boolean | undefined;

  // a name exported twice as the module loads (`api.handler = a` through a name for the
  // exports object, then `module.exports.handler = b`): Lambda finds the one assigned last
  const last = new Map<string, ExportedValue>();
  for (const entry of [...exported, ...conditionalOnly(exported, root)]) {
    const before = last.get(entry.name);
    if (!before || entry.line > before.line || (entry.line === before.line && entry.column > before.column)) last.set(entry.name, entry);
  }
  for (const entry of exported) {
    // (a name whose last assignment is inside an `if` is not followed: unfollowedHandlers)
    if (last.get(entry.name) !== entry) continue;
    const resolved = resolveHandlerFunction(entry.value, 0);
    if (!resolved) continue;
    const { fn, streaming, wrapper, bound } = resolved;
    // TypeScript's `this: void` parameter is no parameter a caller passes, and the arguments
    // `.bind` binds come before Lambda's: `main.bind(null, deps)` gets the event second
    const eventParamIndex = bound === null ? null : thisParamOffset(fn.node) + bound;
    if (wanted) {
      if (!wanted.has(entry.name)) continue;
    } else if (entry.name !== DEFAULT_HANDLER_NAME && !(!isDefaultExport(entry.name) && firstParamIsEvent(fn.node, eventParamIndex))) {
      continue;
    } else if (entry.name !== DEFAULT_HANDLER_NAME && options.imported?.includes(entry.name)) {
      continue;
    } else if (entry.name !== DEFAULT_HANDLER_NAME && (browser ??= isBrowserCode(j, root))) {
      // `export function onClick(event)` in a component: an event, but a DOM one
      continue;
    }
    // one function exported under two names is still one handler; exported once bound
    // (`main.bind(null, deps)`) and once not, its event comes at two positions: not known
    const before = seen.get(fn.node);
    if (before) {
      if (before.eventParamIndex !== eventParamIndex) Object.assign(before, { eventParamIndex: null, contextParamIndex: null, contextParam: null, style: handlerStyle(fn.node, streaming, null) });
      continue;
    }
    const contextParamIndex = eventParamIndex === null ? null : eventParamIndex + (streaming ? 2 : 1);
    const handler: HandlerInfo = {
      name: entry.name,
      fn,
      style: handlerStyle(fn.node, streaming, eventParamIndex),
      contextParam: contextParamIndex === null ? null : paramName(fn.node.params[contextParamIndex]),
      eventParamIndex,
      contextParamIndex,
      line: entry.line,
      column: entry.column,
      ...(wrapper && { wrapper }),
      ...(entry.wholeModule && { wholeModule: true }),
    };
    seen.set(fn.node, handler);
    handlers.push(handler);
  }
  return handlers;
}

/** An export Lambda would call (`handler`, or a name a manifest or `--handler` gives) that is
 * made by a call the tool cannot see into: `serverless(app)`, `createHandler(router)`. The
 * code that serves each request is the argument's (an app's routes), which is not followed. */
export interface UnfollowedHandler {
  name: string;
  /** The call as written, shortened: `serverless(app)`; for a conditional export, the
   * choice as written (`cond ? a : b`, or the assignment inside an `if`). */
  call: string;
  line: number;
  column: number;
  /** Exported conditionally: assigned inside an `if` as the module loads, or chosen by
   * `? :`, `&&` or `||`; which function Lambda gets is decided at load time. */
  conditional?: boolean;
  /** Conditional because it is assigned inside a module-level `if`. */
  inIf?: boolean;
}

/** Exports Lambda would call (`handler`, or a name a manifest or `--handler` gives) that
 * `findHandlers` does not follow: made by a call (also an awaited one, `await build()`),
 * or exported conditionally. */
export function unfollowedHandlers(j: JSCodeshift, root: Collection<any>, options: FindHandlersOptions = {}): UnfollowedHandler[] {
  const wanted = options.names && options.names.length > 0 ? new Set(options.names) : new Set([DEFAULT_HANDLER_NAME]);
  const out: UnfollowedHandler[] = [];
  const shorten = (path: ASTPath<any>) => {
    return shortened(j(path).toSource().replace(/\s+/g, ' '), 40);
  };
  // what Lambda finds under a name is what the module assigned there last as it loaded
  const last = new Map<string, ExportedValue>();
  const exported = collectExports(j, root);
  for (const entry of [...exported, ...conditionalOnly(exported, root)]) {
    const before = last.get(entry.name);
    if (!before || entry.line > before.line || (entry.line === before.line && entry.column > before.column)) last.set(entry.name, entry);
  }
  for (const entry of last.values()) {
    if (!wanted.has(entry.name)) continue;
    if (entry.conditional) {
      out.push({ name: entry.name, call: shorten(entry.at ?? entry.value), line: entry.line, column: entry.column, conditional: true, inIf: true });
      continue;
    }
    let value = unwrap(entry.value);
    if (value.value.type === 'Identifier') value = resolveIdentifier(value) ?? value;
    value = unwrap(value);
    // `await build()` is made by the call `build()`
    while (value.value.type === 'AwaitExpression' && value.value.argument) value = unwrap(value.get('argument'));
    if (value.value.type === 'ConditionalExpression' || value.value.type === 'LogicalExpression') {
      out.push({ name: entry.name, call: shorten(value), line: entry.line, column: entry.column, conditional: true });
      continue;
    }
    if (value.value.type !== 'CallExpression' || resolveHandlerFunction(entry.value, 0)) continue;
    out.push({ name: entry.name, call: shorten(value), line: entry.line, column: entry.column });
  }
  return out;
}

/** The exports assigned in a module-level `if` that may change which function Lambda gets.
 * Not those that cannot: assignments under `if (require.main === module)` (a local run; on
 * Lambda the module is required), and, for a name the module also exports unconditionally,
 * a value that is that same export again (`exports.handler = wrap(exports.handler)` when
 * tracing is on, `module.exports = { handler: exports.handler }`, `{ handler: a }` after
 * `exports.handler = a`): the handler the module always exports is followed as before. */
function conditionalOnly(exported: ExportedValue[], root: Collection<any>): ExportedValue[] {
  const always = new Map<string, ExportedValue[]>();
  for (const e of exported) always.set(e.name, [...(always.get(e.name) ?? []), e]);
  return conditionalExports(root).filter((e) => {
    if (e.at && underMainModuleTest(e.at)) return false;
    const plain = always.get(e.name);
    return !plain || !plain.some((p) => sameExport(e, p));
  });
}

/** Inside an `if` whose test is `require.main === module` (either way round, `==` too). */
function underMainModuleTest(path: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = path.parent; p; p = p.parent) {
    const test = p.node.type === 'IfStatement' ? p.node.test : null;
    if (test?.type === 'BinaryExpression' && (test.operator === '===' || test.operator === '==')) {
      const sides = [test.left, test.right];
      const isModule = (n: any) => n.type === 'Identifier' && n.name === 'module';
      const isMain = (n: any) => (n.type === 'MemberExpression' || n.type === 'OptionalMemberExpression') && n.object.type === 'Identifier' && n.object.name === 'require' && !n.computed && n.property.name === 'main';
      if (sides.some(isModule) && sides.some(isMain)) return true;
    }
  }
  return false;
}

/** The conditional export `e` hands out the unconditional one `plain` again: the same
 * binding (`{ handler: a }` after `exports.handler = a`, not a local `a` of the `if` block),
 * the export itself (`exports.handler`, `module.exports.handler`), or the export handed to a
 * wrapper (`wrap(exports.handler)`, `tracer.wrap(a)`). A choice between the export and
 * something else (`exports.legacy || exports.handler`) is not the same export. */
function sameExport(e: ExportedValue, plain: ExportedValue): boolean {
  const value = unwrap(e.value);
  const same = (candidate: ASTPath<any>): boolean => {
    const node = candidate.node;
    const before = unwrap(plain.value);
    if (node.type === 'Identifier' && before.node.type === 'Identifier' && node.name === before.node.name) {
      return declaringBlock(candidate, node.name) === declaringBlock(before, node.name);
    }
    return (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') && commonJsExportPath(node) === e.name;
  };
  if (same(value)) return true;
  if (value.node.type !== 'CallExpression') return false;
  return value.node.arguments.some((_: any, i: number) => same(unwrap(value.get('arguments', i))));
}

/** Exports assigned in a module-level `if` (`if (x) { exports.handler = a } else { exports.handler = b }`),
 * through its blocks and `else if` chains: CommonJS export targets only. Each is marked
 * `conditional`; `at` is the assignment. */
export function conditionalExports(root: Collection<any>): ExportedValue[] {
  const out: ExportedValue[] = [];
  const top = root.paths()[0];
  const program = top?.value.type === 'File' ? top.get('program') : top?.value.type === 'Program' ? top : null;
  if (!program) return out;
  const visit = (stmtPath: ASTPath<any>, depth: number): void => {
    const stmt = stmtPath.node;
    if (!stmt || depth > 8) return;
    if (stmt.type === 'BlockStatement') stmtPath.get('body').each((s: ASTPath<any>) => visit(s, depth + 1));
    else if (stmt.type === 'IfStatement') {
      visit(stmtPath.get('consequent'), depth + 1);
      if (stmt.alternate) visit(stmtPath.get('alternate'), depth + 1);
    } else if (stmt.type === 'ExpressionStatement' && depth > 0) {
      for (let assignment = stmtPath.get('expression'); assignment.node.type === 'AssignmentExpression' && assignment.node.operator === '='; assignment = assignment.get('right')) {
        const target = commonJsExportPath(assignment.node.left);
        if (target === null) continue;
        let value = assignment.get('right');
        while (value.node.type === 'AssignmentExpression' && value.node.operator === '=') value = value.get('right');
        // (`module.exports = { handler: a }` inside an `if`: its properties are conditional)
        const own: ExportedValue[] = [];
        addValue(own, target, value);
        for (const e of own) out.push({ ...e, conditional: true, at: assignment });
      }
    }
  };
  program.get('body').each((s: ASTPath<any>) => {
    if (s.node.type === 'IfStatement') visit(s, 0);
  });
  return out;
}

/** The nearest block around `path` (up to the program) whose own statements declare `name`
 * with `let`, `const`, `class` or `function`: where a name written at `path` is bound (a
 * `const main` inside an `if` block is not the module's `main`); the program when none is. */
function declaringBlock(path: ASTPath<any>, name: string): any {
  const declares = (statement: any): boolean => {
    const declaration = statement?.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type === 'VariableDeclaration') return declaration.declarations.some((d: any) => d.id?.type === 'Identifier' && d.id.name === name);
    return (declaration?.type === 'FunctionDeclaration' || declaration?.type === 'ClassDeclaration') && declaration.id?.name === name;
  };
  let p: ASTPath<any> | null = path.parent;
  for (; p; p = p.parent) {
    if (p.node.type === 'Program') return p.node;
    if (p.node.type === 'BlockStatement' && p.node.body.some(declares)) return p.node;
  }
  return null;
}

/** Packages whose importers are UI code (components). */
const UI_PACKAGES = /^(?:react|react-dom|preact|vue|svelte|solid-js|@angular\/core)(?:\/|$)/;
/** Imports that only server code makes: server-side rendering entry points, Node's own
 * modules, the AWS SDK and Lambda's types. */
const SERVER_IMPORTS = /^(?:react-dom\/server|vue\/server-renderer|svelte\/server|preact-render-to-string|node:.*|@aws-sdk\/.*|aws-sdk|aws-lambda|fs|path|os|crypto|http|https|stream|zlib|child_process)(?:\/|$)/;

/** UI code: JSX or an import of a UI framework, and nothing that only server code imports.
 * There an exported function taking `event` handles a DOM event: the fallback rule (a first
 * parameter named `event`) does not apply; an export named `handler` still counts. A
 * server-side rendering handler (`react-dom/server`) and a headless browser driven from a
 * Lambda (`document` inside `page.evaluate`) are server code. */
function isBrowserCode(j: JSCodeshift, root: Collection<any>): boolean {
  const top = root.paths()[0];
  if (!top) return false;
  const program = top.value.type === 'File' ? top.value.program : top.value;
  const sources: string[] = [];
  for (const statement of program.body ?? []) {
    if (statement.type === 'ImportDeclaration') sources.push(String(statement.source.value));
  }
  // one walk for the requires and the JSX
  let jsx = false;
  for (const node of findNodes(j, top, ['CallExpression', 'JSXElement', 'JSXFragment'])) {
    if (node.type !== 'CallExpression') jsx = true;
    else if (node.callee.type === 'Identifier' && node.callee.name === 'require' && typeof node.arguments[0]?.value === 'string') sources.push(node.arguments[0].value);
  }
  if (sources.some((source) => SERVER_IMPORTS.test(source))) return false;
  return jsx || sources.some((source) => UI_PACKAGES.test(source));
}

/** `export default` and `module.exports = fn` (and what hangs below them) count only when
 * a manifest names them: Lambda looks a handler up by property name. */
function isDefaultExport(name: string): boolean {
  return name === 'default' || name.startsWith('default.');
}

/** Every value the module exports, by property path. */
export function collectExports(j: JSCodeshift, root: Collection<any>): ExportedValue[] {
  const out: ExportedValue[] = [];
  // the Program is the root File's child: reached directly, not by a search of the whole tree
  const top = root.paths()[0];
  const program = top?.value.type === 'File' ? top.get('program') : top?.value.type === 'Program' ? top : root.find(j.Program).paths()[0];
  if (!program) return out;
  const body = program.get('body');

  body.each((stmtPath: ASTPath<any>) => {
    const stmt = stmtPath.node;
    switch (stmt.type) {
      case 'ExpressionStatement':
        addAssignmentChain(out, stmtPath.get('expression'));
        break;
      case 'VariableDeclaration':
        // `const api = module.exports = {}`, `var api = exports`: the module then assigns its
        // exports to `api` (`api.handler = fn`)
        stmtPath.get('declarations').each((d: ASTPath<any>) => {
          if (!d.node.init) return;
          const value = addAssignmentChain(out, d.get('init'));
          const exportsObject = commonJsExportPath(unwrap(value).node);
          if (exportsObject !== null) addAssignedMembers(out, exportsObject, unwrap(value), 0);
        });
        break;
      case 'ExportNamedDeclaration': {
        const decl = stmtPath.get('declaration');
        // (a path's .node is its nearest node, so test the field itself)
        if (stmt.declaration) {
          if (decl.node.type === 'VariableDeclaration') {
            decl.get('declarations').each((d: ASTPath<any>) => {
              // `export const handlers = { create }` exports `handlers.create` too
              if (d.node.id.type === 'Identifier' && d.node.init) addValue(out, d.node.id.name, d.get('init'));
            });
          } else if (decl.node.type === 'FunctionDeclaration' && decl.node.id) {
            out.push(entry(decl.node.id.name, decl, decl.node));
          }
        } else if (!stmt.source) {
          stmtPath.get('specifiers').each((s: ASTPath<any>) => {
            if (s.node.type !== 'ExportSpecifier') return;
            const exportedName = s.node.exported.name ?? s.node.exported.value;
            const binding = resolveIdentifier(s.get('local'));
            if (binding) out.push(entry(exportedName, binding, s.node));
          });
        }
        break;
      }
      case 'ExportDefaultDeclaration':
        addValue(out, 'default', stmtPath.get('declaration'));
        break;
      // TypeScript's CommonJS form: `export = { handler }` is `module.exports = { handler }`
      case 'TSExportAssignment':
        addValue(out, '', stmtPath.get('expression'));
        break;
    }
  });
  return out;
}

function entry(name: string, value: ASTPath<any>, at: any): ExportedValue {
  // the parser leaves some nodes without a position (`export async function handler`):
  // the nearest enclosing node that has one says where the export is
  let loc = at.loc;
  for (let p: ASTPath<any> | null = value; !loc && p; p = p.parent) loc = p.value?.loc;
  return { name, value, line: loc?.start.line ?? 1, column: (loc?.start.column ?? 0) + 1 };
}

/** `exports.a.b` / `module.exports.a` / `exports['a']` → `a.b` / `a` / `a`; `module.exports` → '';
 * anything else → null. */
export function commonJsExportPath(node: any): string | null {
  const parts: string[] = [];
  let current = node;
  for (let name = memberName(current); name !== null; name = memberName(current)) {
    parts.unshift(name);
    current = current.object;
  }
  if (current.type === 'Identifier' && current.name === 'exports') return parts.join('.');
  if (current.type === 'Identifier' && current.name === 'module' && parts[0] === 'exports') {
    return parts.slice(1).join('.');
  }
  return null;
}

/** `exports.a = exports.b = fn` (a statement, or a declarator's value: `const api =
 * module.exports = {}`): the value at the end of the chain is exported under every export
 * target in it. Returns the path at the end of the chain. */
function addAssignmentChain(out: ExportedValue[], start: ASTPath<any>): ASTPath<any> {
  let assignment = start;
  while (assignment.node.type === 'AssignmentExpression' && assignment.node.operator === '=') {
    const target = commonJsExportPath(assignment.node.left);
    let value = assignment.get('right');
    while (value.node.type === 'AssignmentExpression' && value.node.operator === '=') value = value.get('right');
    if (target !== null) addValue(out, target, value);
    assignment = assignment.get('right');
  }
  return assignment;
}

/** The property a member expression names: `o.a`, `o['a']` and `` o[`a`] `` → `a`; `o[k]` → null. */
function memberName(node: any): string | null {
  if (node.type !== 'MemberExpression') return null;
  const key = node.property;
  if (node.computed && key.type === 'TemplateLiteral' && key.expressions.length === 0) return key.quasis[0].value.cooked;
  return propertyName(node);
}

/** `module.exports = { a, b: { c } }` exports `a` and `b.c`; `module.exports = fn` exports `default`. */
function addValue(out: ExportedValue[], prefix: string, valuePath: ASTPath<any>, depth = 0): void {
  const value = unwrap(valuePath);
  const resolved = value.node.type === 'Identifier' ? resolveIdentifier(value) : value;
  const target = resolved ?? value;
  if (target.node.type === 'ObjectExpression' && depth < 4) {
    const own: ExportedValue[] = [];
    target.get('properties').each((p: ASTPath<any>) => {
      const prop = p.node;
      if ((prop.type !== 'ObjectProperty' && prop.type !== 'Property' && prop.type !== 'ObjectMethod') || prop.computed) return;
      const key = prop.key.type === 'Identifier' ? prop.key.name : prop.key.value;
      if (typeof key !== 'string') return;
      const name = prefix ? `${prefix}.${key}` : key;
      // getters and setters are not functions Lambda can call
      if (prop.kind === 'get' || prop.kind === 'set') return;
      if (prop.type === 'ObjectMethod') own.push(entry(name, p, prop));
      else addValue(own, name, p.get('value'), depth + 1);
    });
    addAssignedMembers(own, prefix, value, depth);
    // what Lambda finds under a name is what the module assigned there last as it loaded
    // (`api.handler = wrap(api.handler)` replaces the literal's function): one export a name
    const last = new Map(own.map((e) => [e.name, e]));
    out.push(...own.filter((e) => last.get(e.name) === e));
    return;
  }
  out.push(prefix ? entry(prefix, value, valuePath.parent?.node ?? value.node) : { ...entry('default', value, valuePath.parent?.node ?? value.node), wholeModule: true });
}

/** `const handlers = {}; handlers.stripe = fn; module.exports = handlers`: Lambda looks the
 * handler up by property name when it calls it, after the module has loaded, so the
 * properties the module assigns to an exported object of its own as it loads are exported
 * too. Only assignments that surely run as the module loads count: statements of the
 * module's body (`o.a = fn`, `o['a'] = fn`, `o.a.b = fn`, `Object.assign(o, { a: fn })`),
 * on the binding the export names (`valuePath` is that identifier, or a declarator's
 * initializer: `export const handlers = {}`). */
function addAssignedMembers(out: ExportedValue[], prefix: string, valuePath: ASTPath<any>, depth: number): void {
  for (const bound of boundObjects(valuePath)) addMembersAssignedTo(out, prefix, bound, depth);
}

function addMembersAssignedTo(out: ExportedValue[], prefix: string, bound: { name: string; scope: any; program: ASTPath<any> }, depth: number): void {
  const under = (name: string) => (prefix ? `${prefix}.${name}` : name);
  bound.program.get('body').each((stmtPath: ASTPath<any>) => {
    if (stmtPath.node.type !== 'ExpressionStatement') return;
    const expression = stmtPath.get('expression');
    const node = expression.node;
    // `handlers.a = handlers.b = fn` assigns the one function under both names
    if (node.type === 'AssignmentExpression' && node.operator === '=') {
      for (let assignment = expression; assignment.node.type === 'AssignmentExpression' && assignment.node.operator === '='; assignment = assignment.get('right')) {
        const path = memberPathOn(assignment.node.left, bound.name);
        if (path === null || !sameBinding(assignment.get('left'), bound)) continue;
        let value = assignment.get('right');
        while (value.node.type === 'AssignmentExpression' && value.node.operator === '=') value = value.get('right');
        addValue(out, under(path), value, depth + 1);
      }
      return;
    }
    // Object.assign(handlers, { a: fn }, ...): the object literals' properties
    const callee = node.type === 'CallExpression' ? node.callee : null;
    if (callee?.type !== 'MemberExpression' || callee.object.type !== 'Identifier' || callee.object.name !== 'Object' || propertyName(callee) !== 'assign') return;
    if (node.arguments[0]?.type !== 'Identifier' || node.arguments[0].name !== bound.name || !sameBinding(expression.get('arguments', 0), bound)) return;
    for (let i = 1; i < node.arguments.length; i++) {
      if (node.arguments[i].type === 'ObjectExpression') addValue(out, prefix, expression.get('arguments', i), depth + 1);
    }
  });
}

/** The module-level bindings an exported object is held in: each one's name, the scope that
 * declares it and the program; none when the object is no module-level `const|let|var` of its
 * own. The object may be assigned to them on the way (`const api = module.exports = {}`,
 * `module.exports = api = {}`, `var api = exports`). */
function boundObjects(valuePath: ASTPath<any>): { name: string; scope: any; program: ASTPath<any> }[] {
  const names: string[] = [];
  if (valuePath.node.type === 'Identifier') names.push(valuePath.node.name);
  for (let child = valuePath, p = valuePath.parent; p; child = p, p = p.parent) {
    if (p.node.type === 'AssignmentExpression' && p.node.operator === '=' && p.node.right === child.node) {
      if (p.node.left.type === 'Identifier') names.push(p.node.left.name);
      continue;
    }
    if (p.node.type === 'VariableDeclarator' && p.node.init === child.node && p.node.id.type === 'Identifier') names.push(p.node.id.name);
    break;
  }
  const bound: { name: string; scope: any; program: ASTPath<any> }[] = [];
  for (const name of names) {
    const scope = valuePath.scope?.lookup(name);
    if (scope?.isGlobal && scope.path.node.type === 'Program') bound.push({ name, scope, program: scope.path });
  }
  return bound;
}

/** `o.a.b` / `o['a']` on the identifier `name` → `a.b` / `a`; anything else → null. */
function memberPathOn(node: any, name: string): string | null {
  const parts: string[] = [];
  let current = node;
  for (let part = memberName(current); part !== null; part = memberName(current)) {
    parts.unshift(part);
    current = current.object;
  }
  return parts.length > 0 && current.type === 'Identifier' && current.name === name ? parts.join('.') : null;
}

/** The identifier at the root of the member expression (or the identifier) at `path` is the
 * binding `bound`, not a local of the same name. */
function sameBinding(path: ASTPath<any>, bound: { name: string; scope: any }): boolean {
  let current = path;
  while (current.node.type === 'MemberExpression') current = current.get('object');
  return current.node.type === 'Identifier' && current.scope?.lookup(bound.name) === bound.scope;
}

function unwrap(path: ASTPath<any>): ASTPath<any> {
  let current = path;
  while (current.value && TRANSPARENT_WRAPPERS.has(current.value.type)) current = current.get('expression');
  return current;
}

/** The path of what a module-level identifier is bound to: a function declaration or a
 * variable's initializer. Null when it is not bound at module level to something known. */
export function resolveIdentifier(idPath: ASTPath<any>): ASTPath<any> | null {
  const name = idPath.node.name;
  const scope = idPath.scope?.lookup(name);
  if (!scope) return null;
  const bindings = scope.getBindings()[name];
  if (!bindings || bindings.length === 0) return null;
  const declared: ASTPath<any> = bindings[bindings.length - 1];
  const parent = declared.parent;
  if (!parent) return null;
  if (parent.node.type === 'FunctionDeclaration' && parent.node.id === declared.node) return parent;
  if (parent.node.type === 'VariableDeclarator' && parent.node.id === declared.node) {
    return parent.node.init ? parent.get('init') : null;
  }
  return null;
}

/** Follows identifiers, type assertions and wrapper calls down to the function that does
 * the work. */
export function resolveToFunction(path: ASTPath<any>, depth: number): ASTPath<FunctionNode> | null {
  return resolveHandlerFunction(path, depth)?.fn ?? null;
}

interface ResolvedHandler {
  fn: ASTPath<FunctionNode>;
  /** Wrapped in `awslambda.streamifyResponse`: called as `(event, responseStream, context)`. */
  streaming: boolean;
  /** The outermost wrapper call the function is handed to, other than middy's and
   * `streamifyResponse` (`forEachRecord` in `forEachRecord(fn)`), or null. */
  wrapper?: string | null;
  /** How many parameters of `fn` arguments bound by `.bind(thisArg, a, b)` fill before
   * Lambda's own; null when a spread hides how many, or when they are bound to what a
   * wrapper returns (the wrapper decides what reaches `fn`). */
  bound: number | null;
  /** Reached through a wrapper call (`middy(base)`, `wrap(fn)`): arguments bound to the
   * result reach `fn` only as the wrapper hands them on. */
  wrapped?: boolean;
}

/** Wrappers known to call the function they wrap once per invocation, with the event. */
const ONCE_PER_INVOCATION_WRAPPERS = new Set(['middy']);

function calleeName(callee: any): string | null {
  if (callee.type === 'Identifier') return callee.name;
  if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier') return callee.property.name;
  return null;
}

function isStreamifyCall(callee: any): boolean {
  if (callee.type === 'Identifier') return callee.name === 'streamifyResponse';
  return callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'streamifyResponse';
}

function resolveHandlerFunction(path: ASTPath<any>, depth: number): ResolvedHandler | null {
  if (!path || !path.value || typeof path.value.type !== 'string' || depth > 12) return null;
  const current = unwrap(path);
  const node = current.value;
  if (FUNCTION_TYPES.has(node.type)) return { fn: current as ASTPath<FunctionNode>, streaming: false, bound: 0 };
  if (node.type === 'ObjectMethod') return node.kind === 'method' ? { fn: current as ASTPath<FunctionNode>, streaming: false, bound: 0 } : null;
  if (node.type === 'Identifier') {
    const target = resolveIdentifier(current);
    return target ? resolveHandlerFunction(target, depth + 1) : null;
  }
  // `handlerClass.handler` (Powertools' decorator style), `Lambda.handler` (a static method)
  // `api.handle` (`api.routes.create`) with `const api = { handle() {...} }`: a method, or a
  // property holding a function, of a module-level object literal
  if (node.type === 'MemberExpression') return resolveClassMethod(current) ?? resolveObjectMember(current, depth);
  if (node.type === 'CallExpression') {
    const callee = node.callee;
    // `handlerClass.handler.bind(handlerClass)`, `main.bind(null, deps)` (dependency
    // injection): the bound arguments fill the first parameters, Lambda's come after them
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.name === 'bind') {
      const inner = resolveHandlerFunction(current.get('callee', 'object'), depth + 1);
      const args: any[] = node.arguments;
      const spread = args.some((a) => a.type === 'SpreadElement');
      if (!inner || (args.length <= 1 && !spread)) return inner;
      return { ...inner, bound: inner.bound === null || inner.wrapped || spread ? null : inner.bound + args.length - 1 };
    }
    // middy().handler(fn): the function is the argument of `.handler`
    if (callee.type === 'MemberExpression' && !callee.computed && callee.property.name === 'handler' && node.arguments.length > 0) {
      const inner = resolveHandlerFunction(current.get('arguments', 0), depth + 1);
      return inner && { ...inner, wrapped: true };
    }
    // middy(base).use(a).use(b), or `wrapped.use(a)` with `const wrapped = middy(base)`:
    // the work is done by what the innermost call wraps
    if (callee.type === 'MemberExpression' && (callee.object.type === 'CallExpression' || callee.object.type === 'Identifier')) {
      const wrapped = resolveHandlerFunction(current.get('callee', 'object'), depth + 1);
      if (wrapped) return { ...wrapped, wrapped: true };
    }
    // wrap(fn, options), awslambda.streamifyResponse(fn), Sentry.wrapHandler(fn)
    if (node.arguments.length > 0) {
      const inner = resolveHandlerFunction(current.get('arguments', 0), depth + 1);
      if (!inner) return null;
      if (isStreamifyCall(callee)) return { ...inner, streaming: true, wrapped: true };
      const name = calleeName(callee);
      if (!inner.wrapper && !(name && ONCE_PER_INVOCATION_WRAPPERS.has(name))) return { ...inner, wrapper: name ?? 'a wrapper', wrapped: true };
      return { ...inner, wrapped: true };
    }
  }
  return null;
}

/** `api.handle`, `api.routes.create`, where `api` is a module-level `const` bound to an object
 * literal that declares the property path (`{ async handle(event) {} }`, `{ handle: fn }`,
 * `{ routes: { create: fn } }`): what Lambda calls is that method or the function the property
 * holds. Left (null) when the path is not plain names, when a getter, setter or a spread after
 * it may give the property another value, or when the module writes the property (or an object
 * on the way to it) anywhere: `api.handle = wrap(api.handle)`, `Object.assign(api, ...)`. */
function resolveObjectMember(memberPath: ASTPath<any>, depth: number): ResolvedHandler | null {
  const parts: string[] = [];
  let rootPath = memberPath;
  while (rootPath.value.type === 'MemberExpression') {
    const name = memberName(rootPath.value);
    if (name === null) return null;
    parts.unshift(name);
    rootPath = unwrap(rootPath.get('object'));
  }
  if (rootPath.value.type !== 'Identifier' || parts.length > 4) return null;
  const rootName: string = rootPath.value.name;
  const scope = rootPath.scope?.lookup(rootName);
  if (!scope?.isGlobal || scope.path.node.type !== 'Program') return null;
  const declared: ASTPath<any>[] = scope.getBindings()[rootName] ?? [];
  if (declared.length !== 1) return null;
  const declarator = declared[0].parent;
  if (declarator?.node.type !== 'VariableDeclarator' || declarator.node.id !== declared[0].node || !declarator.node.init) return null;
  if (declarator.parent?.node.type !== 'VariableDeclaration' || declarator.parent.node.kind !== 'const') return null;
  let object = unwrap(declarator.get('init'));
  let found: ASTPath<any> | null = null;
  for (let i = 0; i < parts.length; i++) {
    if (object.value.type !== 'ObjectExpression') return null;
    found = lastOwnProperty(object, parts[i]);
    if (!found) return null;
    if (i < parts.length - 1) {
      if (found.value.type === 'ObjectMethod' || found.value.method) return null;
      object = unwrap(found.get('value'));
    }
  }
  if (!found || writesPropertyPath(scope.path.node, rootName, parts)) return null;
  if (found.value.type === 'ObjectMethod') return resolveHandlerFunction(found, depth + 1);
  return resolveHandlerFunction(found.get('value'), depth + 1);
}

/** The property `name` of an object literal as the literal leaves it: the last one of that
 * name (no getter or setter), and no spread after it that may replace it; else null. */
function lastOwnProperty(objectPath: ASTPath<any>, name: string): ASTPath<any> | null {
  const properties: any[] = objectPath.value.properties;
  for (let i = properties.length - 1; i >= 0; i--) {
    const prop = properties[i];
    if (prop.type === 'SpreadElement' || prop.type === 'SpreadProperty' || prop.type === 'RestElement') return null;
    if (prop.computed && !(prop.key.type === 'StringLiteral' || prop.key.type === 'Literal')) return null;
    const key = prop.key?.type === 'Identifier' ? prop.key.name : prop.key?.value;
    if (key !== name) continue;
    if (prop.kind === 'get' || prop.kind === 'set') return null;
    return objectPath.get('properties', i);
  }
  return null;
}

/** Anywhere in the module (a local of the same name too: left alone all the same), code that
 * replaces `root.parts...` or an object on the way to it: an assignment, `++`, `delete`, a
 * for-in/of head, `Object.assign(root, ...)`, `Object.defineProperty(root.a, ...)`. A computed
 * member (`root[k] = v`) may name any property. */
function writesPropertyPath(program: any, root: string, parts: string[]): boolean {
  // the names from `root` down a member chain (null for a computed one); null when the chain
  // does not start at `root`
  const chainOn = (node: any): (string | null)[] | null => {
    const names: (string | null)[] = [];
    let current = node;
    while (current && (TRANSPARENT_WRAPPERS.has(current.type) || current.type === 'MemberExpression' || current.type === 'OptionalMemberExpression')) {
      if (TRANSPARENT_WRAPPERS.has(current.type)) current = current.expression;
      else {
        names.unshift(memberName({ ...current, type: 'MemberExpression' }));
        current = current.object;
      }
    }
    return current?.type === 'Identifier' && current.name === root ? names : null;
  };
  // on the path to the property, or the property itself (`strict`: a prefix only)
  const onPath = (node: any, strict: boolean): boolean => {
    const names = chainOn(node);
    if (!names || names.length > parts.length || (strict && names.length === parts.length)) return false;
    return names.every((name, i) => name === null || name === parts[i]);
  };
  const stack: any[] = [program];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node || typeof node !== 'object') continue;
    if (Array.isArray(node)) {
      stack.push(...node);
      continue;
    }
    if (typeof node.type !== 'string') continue;
    switch (node.type) {
      case 'AssignmentExpression':
        if (onPath(node.left, false)) return true;
        break;
      case 'UpdateExpression':
        if (onPath(node.argument, false)) return true;
        break;
      case 'UnaryExpression':
        if (node.operator === 'delete' && onPath(node.argument, false)) return true;
        break;
      case 'ForInStatement':
      case 'ForOfStatement':
        if (onPath(node.left, false)) return true;
        break;
      case 'CallExpression':
      case 'OptionalCallExpression': {
        if (MUTATING_CALLS.has(dottedName(node.callee)) && node.arguments[0] && onPath(node.arguments[0], true)) return true;
        break;
      }
    }
    for (const key of Object.keys(node)) {
      // `original`: recast's copy of the tree as parsed, the same code again
      if (key === 'loc' || key === 'start' || key === 'end' || key === 'comments' || key === 'tokens' || key === 'leadingComments' || key === 'trailingComments' || key === 'original') continue;
      const value = node[key];
      if (value && typeof value === 'object') stack.push(value);
    }
  }
  return false;
}

/** The module-level class a name or `new` expression stands for, or null. */
function classOf(path: ASTPath<any>): ASTPath<any> | null {
  const node = unwrap(path).value;
  if (node?.type !== 'Identifier') return null;
  const scope = path.scope?.lookup(node.name);
  const bindings: ASTPath<any>[] = scope?.getBindings()[node.name] ?? [];
  for (const binding of bindings) {
    const parent = binding.parent;
    if (parent?.node.type === 'ClassDeclaration' && parent.node.id === binding.node) return parent;
    if (parent?.node.type === 'VariableDeclarator' && parent.node.id === binding.node && parent.node.init?.type === 'ClassExpression') return parent.get('init');
  }
  return null;
}

/** `instance.method` with `const instance = new Class()` (or `new Class().method`), or
 * `Class.method` for a static method, where Class is declared in this module: the method. */
function resolveClassMethod(memberPath: ASTPath<any>): ResolvedHandler | null {
  const member = memberPath.value;
  if (member.computed || member.property.type !== 'Identifier') return null;
  let objectPath = unwrap(memberPath.get('object'));
  let isStatic = false;
  let classPath: ASTPath<any> | null = null;
  if (objectPath.value.type === 'Identifier') {
    const target = resolveIdentifier(objectPath);
    if (target) objectPath = unwrap(target);
    else {
      classPath = classOf(objectPath);
      isStatic = true;
    }
  }
  if (!classPath && objectPath.value.type === 'NewExpression') classPath = classOf(objectPath.get('callee'));
  // a member the class inherits from a class of this module (`class Orders extends Base`)
  for (let depth = 0; classPath && depth < 5; depth++) {
    const found = memberFunction(classPath, member.property.name, isStatic);
    if (found) return found;
    const superClass = classPath.value.superClass;
    classPath = superClass?.type === 'Identifier' ? classOf(classPath.get('superClass')) : null;
  }
  return null;
}

/** The method, or function-valued field, `name` that the class itself declares. */
function memberFunction(classPath: ASTPath<any>, name: string, isStatic: boolean): ResolvedHandler | null {
  const members: ASTPath<any> = classPath.get('body', 'body');
  for (let i = 0; i < members.value.length; i++) {
    const method = members.get(i);
    const m = method.value;
    if ((m.type !== 'MethodDefinition' && m.type !== 'ClassMethod') || m.kind !== 'method' || m.computed || !!m.static !== isStatic) continue;
    if (m.key.type !== 'Identifier' || m.key.name !== name) continue;
    // estree (the babel parser here) keeps the function in `value`; the ts parser's ClassMethod is the function
    return { fn: (m.type === 'MethodDefinition' ? method.get('value') : method) as ASTPath<FunctionNode>, streaming: false, bound: 0 };
  }
  // a class field holding a function (`handle = async (event) => { ... }`): every instance has
  // its own, bound to it when it is an arrow
  for (let i = 0; i < members.value.length; i++) {
    const field = members.get(i);
    const m = field.value;
    if ((m.type !== 'ClassProperty' && m.type !== 'PropertyDefinition') || m.computed || !!m.static !== isStatic) continue;
    if (m.key.type !== 'Identifier' || m.key.name !== name || !m.value) continue;
    if (m.value.type === 'ArrowFunctionExpression' || m.value.type === 'FunctionExpression') return { fn: field.get('value') as ASTPath<FunctionNode>, streaming: false, bound: 0 };
  }
  return null;
}

/** The first parameter Lambda fills (the one after the bound ones of `main.bind(null, deps)`)
 * is named `event`; not known, and so not taken for one, when a spread hides where it is. */
function firstParamIsEvent(fn: FunctionNode, eventParamIndex: number | null): boolean {
  return eventParamIndex !== null && paramName(fn.params[eventParamIndex]) === 'event';
}

/** 1 when the function's first parameter is TypeScript's `this` parameter (`function (this:
 * void, event)`), which only types `this`; else 0. */
export function thisParamOffset(fn: FunctionNode): number {
  const first: any = fn.params[0];
  return first?.type === 'Identifier' && first.name === 'this' ? 1 : 0;
}

function paramName(param: any): string | null {
  if (!param) return null;
  if (param.type === 'Identifier') return param.name;
  if (param.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  return null;
}

function handlerStyle(fn: FunctionNode, streaming: boolean, eventParamIndex: number | null): HandlerStyle {
  if (fn.async) return 'async';
  // a streaming handler's third parameter is its context, not a callback; a callback is a
  // third parameter counted from the event's (a spread among the bound arguments hides it)
  if (eventParamIndex !== null && fn.params.length - eventParamIndex >= 3 && !streaming) return 'callback';
  if (returnsPromise(fn)) return 'promise';
  return 'sync';
}

function returnsPromise(fn: FunctionNode): boolean {
  const looksLikePromise = (expr: any): boolean =>
    !!expr &&
    ((expr.type === 'NewExpression' && expr.callee.type === 'Identifier' && expr.callee.name === 'Promise') ||
      (expr.type === 'CallExpression' &&
        expr.callee.type === 'MemberExpression' &&
        ['then', 'catch', 'finally', 'resolve', 'reject', 'all', 'allSettled', 'race', 'any'].includes(expr.callee.property.name)));
  if (fn.body.type !== 'BlockStatement') return looksLikePromise(fn.body);
  return fn.body.body.some((s: any) => s.type === 'ReturnStatement' && looksLikePromise(s.argument));
}
