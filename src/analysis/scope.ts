// Scope questions every transform asks: which module-level bindings a function refers
// to (a local that shadows a global is not the global), and which module functions a
// handler reaches through the helpers it calls.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findPaths } from './fastFind';
import { refersToModuleBinding } from './lexicalScope';
import type { FunctionNode } from './types';

const hasOwn = Object.prototype.hasOwnProperty;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

/** Parent types in which an identifier names a type, a property or a label, not a value. */
const NON_REFERENCE_PARENTS = new Set([
  'TSTypeReference',
  'TSQualifiedName',
  'TSExpressionWithTypeArguments',
  'TSInterfaceDeclaration',
  'TSTypeAliasDeclaration',
  'TSEnumMember',
  'TSPropertySignature',
  'TSMethodSignature',
  'TSTypeParameter',
  'LabeledStatement',
  'BreakStatement',
  'ContinueStatement',
  'ImportSpecifier',
  'ImportDefaultSpecifier',
  'ImportNamespaceSpecifier',
  'ExportSpecifier',
]);

const PATTERN_PARTS = new Set(['ObjectPattern', 'ArrayPattern', 'RestElement', 'AssignmentPattern', 'Property', 'ObjectProperty']);

/** The identifier is a name a destructuring pattern declares (`const { a, b: [c] } = x`, a
 * parameter `({ a })`, `catch ({ message })`), not a use of one. A default value
 * (`{ a = b }`: `b`) and a destructuring assignment to existing names (`({ a } = x)`) are uses. */
function declaredByPattern(path: ASTPath<any>): boolean {
  const top = patternTargetRoot(path);
  const parent = top.parent;
  if (!parent || top === path) return false;
  const node = parent.node;
  if (node.type === 'VariableDeclarator') return node.id === top.node;
  if (node.type === 'CatchClause') return node.param === top.node;
  return FUNCTION_TYPES.has(node.type) && (node.params ?? []).includes(top.node);
}

/** The outermost destructuring pattern `path` is a target in (`[a, { b: path }]`), or `path`
 * itself: what a declaration, a parameter list or an assignment holds. A property's key and a
 * default's value are not targets, so the climb stops there. */
export function patternTargetRoot(path: ASTPath<any>): ASTPath<any> {
  let current = path;
  while (current.parent && PATTERN_PARTS.has(current.parent.node.type)) {
    const parent = current.parent.node;
    if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.value !== current.node) break;
    if (parent.type === 'AssignmentPattern' && parent.left !== current.node) break;
    current = current.parent;
  }
  return current;
}

/** True when this Identifier path reads or writes a binding (not a property name, a type, a
 * declaration's own name, or a label). */
export function isReference(path: ASTPath<any>): boolean {
  const parent = path.parent?.node;
  if (!parent) return false;
  if (PATTERN_PARTS.has(parent.type) && declaredByPattern(path)) return false;
  if (NON_REFERENCE_PARENTS.has(parent.type)) return false;
  if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === path.node && !parent.computed) {
    return false;
  }
  if ((parent.type === 'ObjectProperty' || parent.type === 'Property') && parent.key === path.node && !parent.computed) {
    // `{ a }` shorthand: the value is a reference, the key is not; they share the node
    return parent.shorthand === true && parent.value === path.node && path.name === 'value';
  }
  if ((parent.type === 'ClassProperty' || parent.type === 'ClassMethod' || parent.type === 'ObjectMethod' || parent.type === 'MethodDefinition' || parent.type === 'PropertyDefinition') && parent.key === path.node && !parent.computed) {
    return false;
  }
  if ((parent.type === 'FunctionDeclaration' || parent.type === 'FunctionExpression' || parent.type === 'ClassDeclaration' || parent.type === 'ClassExpression') && parent.id === path.node) {
    return false;
  }
  if (FUNCTION_TYPES.has(parent.type) && (parent.params ?? []).includes(path.node)) return false;
  if (parent.type === 'VariableDeclarator' && parent.id === path.node) return false;
  if (parent.type === 'CatchClause' && parent.param === path.node) return false;
  if (parent.type === 'MetaProperty') return false;
  return true;
}

/** True when the identifier at `path` resolves to the module (program) scope. */
export function resolvesToModuleScope(path: ASTPath<any>): boolean {
  const scope = path.scope?.lookup(path.node.name);
  return !!scope && scope.isGlobal;
}

/** The Program path of a parsed file, without a search of the whole tree: callers ask
 * once per reference, and `root.find(j.Program)` walks every node (seconds on a bundle). */
export function programPath(j: JSCodeshift, root: Collection<any>): ASTPath<any> | undefined {
  const top = root.paths()[0];
  if (top?.value?.type === 'Program') return top;
  if (top?.value?.type === 'File') return top.get('program');
  return root.find(j.Program).paths()[0];
}

/** Names declared at module level (imports, variables, functions, classes). */
export function moduleBindingNames(j: JSCodeshift, root: Collection<any>): Set<string> {
  const program = programPath(j, root);
  return new Set(Object.keys(program?.scope?.getBindings() ?? {}));
}

/** The bindings declared at the top of the module `path` is in: where `scope.lookup` of a
 * module-level name ends. Null when `path` is not inside a Program. */
export function moduleScopeBindings(path: ASTPath<any>): Record<string, ASTPath<any>[]> | null {
  let top = path;
  while (top.parent) top = top.parent;
  const program = top.value?.type === 'File' ? top.get('program') : top;
  if (program.value?.type !== 'Program') return null;
  return program.scope?.getBindings() ?? null;
}

/** A test for `findPaths`: could an identifier named so refer to a binding declared at the
 * top of the module `path` is in? Only when the module declares the name (or `also` lists it). */
export function mayNameModuleBinding(path: ASTPath<any>, also: string[] = []): ((node: any) => boolean) | undefined {
  const bindings = moduleScopeBindings(path);
  if (!bindings) return undefined;
  return (node) => hasOwn.call(bindings, node.name) || also.includes(node.name);
}

/** Every reference inside `fn` (including nested callbacks) to a module-level binding. A
 * `const` or `let` of the same name inside a block of `fn` hides the module's binding only
 * in that block (ast-types alone would count it for the whole function). */
export function moduleReferencesIn(j: JSCodeshift, fn: ASTPath<any>): ASTPath<any>[] {
  return findPaths(j, fn, 'Identifier', mayNameModuleBinding(fn)).filter((p) => isReference(p) && refersToModuleBinding(p));
}

/** The module-level function a name is bound to (`function f() {}`, `const f = () => {}`,
 * `const f = function () {}`), or null. */
export function moduleFunctionNamed(j: JSCodeshift, root: Collection<any>, name: string): ASTPath<FunctionNode> | null {
  const program = programPath(j, root);
  const bindings = program?.scope?.getBindings()[name];
  if (!bindings || bindings.length === 0) return null;
  const parent = bindings[bindings.length - 1].parent;
  if (!parent) return null;
  if (parent.node.type === 'FunctionDeclaration') return parent;
  if (parent.node.type === 'VariableDeclarator' && parent.node.init && FUNCTION_TYPES.has(parent.node.init.type)) {
    return parent.get('init');
  }
  return null;
}

/** The handler itself plus every module-level function it reaches by name, directly or
 * through other helpers. Linear in the number of references: each function is visited once. */
export function reachableFunctions(j: JSCodeshift, root: Collection<any>, start: ASTPath<any>): ASTPath<any>[] {
  const visited = new Set<any>([start.node]);
  const order: ASTPath<any>[] = [start];
  for (let i = 0; i < order.length; i++) {
    for (const ref of moduleReferencesIn(j, order[i])) {
      const fn = moduleFunctionNamed(j, root, ref.node.name);
      if (fn && !visited.has(fn.node)) {
        visited.add(fn.node);
        order.push(fn);
      }
    }
  }
  return order;
}

/** True when `inner` is `outer` or lies inside it. */
export function isInside(inner: ASTPath<any>, outer: ASTPath<any>): boolean {
  for (let p: ASTPath<any> | null = inner; p; p = p.parent) if (p.node === outer.node) return true;
  return false;
}

/** The module-level name a function is bound to (`function load() {}`, `const load = () => {}`), or null. */
export function moduleFunctionName(fn: ASTPath<any>): string | null {
  const atTop = (p: ASTPath<any> | null) => p?.node.type === 'Program' || (p?.node.type === 'ExportNamedDeclaration' && p.parent?.node.type === 'Program');
  if (fn.node.type === 'FunctionDeclaration' && fn.node.id && atTop(fn.parent)) return fn.node.id.name;
  const declarator = fn.parent;
  if (declarator?.node.type === 'VariableDeclarator' && declarator.node.init === fn.node && declarator.node.id.type === 'Identifier' && atTop(declarator.parent?.parent)) {
    return declarator.node.id.name;
  }
  return null;
}

/** The property a member expression names: `o.name` and `o['name']` → `name`; `o[key]` → null. */
export function propertyName(member: any): string | null {
  if (!member.computed && member.property.type === 'Identifier') return member.property.name;
  if (member.computed && (member.property.type === 'StringLiteral' || member.property.type === 'Literal') && typeof member.property.value === 'string') {
    return member.property.value;
  }
  return null;
}
