// Block-aware name resolution on top of ast-types scopes. ast-types gives scopes to the
// program, functions and catch clauses only, so a `const seen` inside an `if` block
// counts there as a binding of the whole function; taken as is, a helper that declares a
// block-local `seen` and also uses the module's `seen` would look as if it never touched
// the module's one. These helpers put `let`/`const`/`class` back in their blocks.
import type { ASTPath } from 'jscodeshift';
import { isInside } from './scope';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const BLOCK_CONTAINERS = new Set(['BlockStatement', 'StaticBlock', 'SwitchStatement', 'ForStatement', 'ForInStatement', 'ForOfStatement']);

/** The block a lexical declaration (`let`, `const`, `class`, a function declared in a block)
 * is confined to, when that block is narrower than the scope ast-types put it in; null for
 * `var`, parameters and declarations at the top of a function body or of the program. */
export function lexicalBlockOf(bindingPath: ASTPath<any>): ASTPath<any> | null {
  let current: ASTPath<any> | null = bindingPath.parent;
  // up through destructuring patterns to the declaration
  while (current && /Pattern$|^ObjectProperty$|^Property$|^RestElement$|^VariableDeclarator$/.test(current.node.type)) {
    current = current.parent;
  }
  if (!current) return null;
  const declaration = current.node;
  const lexical =
    (declaration.type === 'VariableDeclaration' && declaration.kind !== 'var') ||
    ((declaration.type === 'ClassDeclaration' || declaration.type === 'FunctionDeclaration') && declaration.id === bindingPath.node);
  if (!lexical) return null;
  let container: ASTPath<any> | null = current.parent;
  if (container?.node.type === 'SwitchCase') container = container.parent;
  if (!container || !BLOCK_CONTAINERS.has(container.node.type)) return null;
  // the body of a function is the function's own scope, which ast-types already models
  if (container.node.type === 'BlockStatement' && container.parent && FUNCTION_TYPES.has(container.parent.node.type)) return null;
  return container;
}

/** The ast-types scope that the identifier at `path` resolves to, honouring block scoping;
 * null for a global that is not declared in the file (`process`, `Map`). */
export function resolveScope(path: ASTPath<any>): any | null {
  return resolveNameAt(path, path.node.name);
}

/** The ast-types scope that `name`, written at `path`, resolves to, honouring block scoping;
 * null for a global that is not declared in the file. */
export function resolveNameAt(path: ASTPath<any>, name: string): any | null {
  let scope = path.scope;
  while (scope) {
    const found = scope.lookup(name);
    if (!found) return null;
    const bindings: ASTPath<any>[] = found.getBindings()[name] ?? [];
    const visible = bindings.some((binding) => {
      const block = lexicalBlockOf(binding);
      return !block || isInside(path, block);
    });
    if (visible) return found;
    scope = found.parent;
  }
  return null;
}

/** True when the identifier at `path` refers to a binding declared at the top level of the module. */
export function refersToModuleBinding(path: ASTPath<any>): boolean {
  const scope = resolveScope(path);
  return !!scope && scope.isGlobal;
}

/** True when `name`, written as the first statement of `fn`'s body, would not mean the
 * module-level (or global) binding: a parameter or a declaration of the function itself, or
 * of a function around it, takes the name. */
export function shadowedAtTopOf(fn: ASTPath<any>, name: string): boolean {
  for (let scope = fn.scope; scope && !scope.isGlobal; scope = scope.parent) {
    const bindings: ASTPath<any>[] = scope.getBindings()[name] ?? [];
    if (bindings.some((binding) => lexicalBlockOf(binding) === null)) return true;
  }
  return false;
}
