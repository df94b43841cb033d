// What a module exports, read from its source when the source leaves no doubt, so that a
// handler that is not there is reported before anything runs (and before anything below
// /tmp is touched). Any export form not recognised here makes the answer "unknown", and
// then the run itself finds out. This is Lambda's view, not `migrate`'s: the Node runtime
// require()s a CommonJS module (import()s an ES module) and follows the handler string's
// property path from what it gets, so `module.exports = fn` has no `default`.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { propertyName } from '../analysis/scope';

export type StaticExports =
  /** An object (ESM namespace or module.exports) with these property names. */
  | { kind: 'object'; names: string[] }
  /** `module.exports = fn`: a function, with these properties assigned to it. */
  | { kind: 'function'; names: string[] };

/** The module's exports, or undefined when the source does not settle them. */
export function staticExportsOf(j: JSCodeshift, root: Collection<any>): StaticExports | undefined {
  const names = new Set<string>();
  let esm = false;
  let commonJs = false;
  let replaced: 'object' | 'function' | undefined;
  let unknown = false;

  for (const statement of root.get().node.program.body as any[]) {
    switch (statement.type) {
      case 'ExportAllDeclaration':
      case 'TSExportAssignment':
      case 'TSNamespaceExportDeclaration':
        unknown = true;
        break;
      case 'ExportDefaultDeclaration':
        esm = true;
        names.add('default');
        break;
      case 'ExportNamedDeclaration': {
        esm = true;
        if (statement.exportKind === 'type') break;
        for (const specifier of statement.specifiers ?? []) {
          const exported = specifier.exported;
          if (specifier.exportKind === 'type') continue;
          if (exported?.type === 'Identifier') names.add(exported.name);
          else if (typeof exported?.value === 'string') names.add(exported.value);
          else unknown = true;
        }
        const declaration = statement.declaration;
        if (!declaration) break;
        if (declaration.type === 'VariableDeclaration') {
          for (const declarator of declaration.declarations) {
            if (declarator.id.type === 'Identifier') names.add(declarator.id.name);
            else unknown = true; // export const { a, b } = ...
          }
        } else if (declaration.id?.type === 'Identifier') {
          names.add(declaration.id.name);
        } else if (!/^TS(Interface|TypeAlias)Declaration$/.test(declaration.type)) {
          unknown = true;
        }
        break;
      }
      case 'TSImportEqualsDeclaration':
        if (statement.isExport) unknown = true;
        break;
    }
  }

  // every use of `exports` and `module` must be one of the plain forms
  root.find(j.Identifier).forEach((p) => {
    const name = p.node.name;
    if (name !== 'exports' && name !== 'module') return;
    const parent = p.parent.node;
    // a property key or a member's property name (`foo.exports`, `{ module: 1 }`) is no use
    if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.property === p.node && !parent.computed) return;
    if ((parent.type === 'Property' || parent.type === 'ObjectProperty' || parent.type === 'ClassProperty') && parent.key === p.node && !parent.computed) return;
    if (parent.type === 'ExportSpecifier' || parent.type === 'ImportSpecifier' || parent.type === 'TSQualifiedName') return;
    commonJs = true;
    // `exports` / `module.exports`, and what it is part of
    let target = p;
    if (name === 'module') {
      if (!(parent.type === 'MemberExpression' && parent.object === p.node && !parent.computed && parent.property.name === 'exports')) {
        unknown = true;
        return;
      }
      target = p.parent;
    }
    const outer = target.parent.node;
    if (outer.type === 'AssignmentExpression' && outer.left === target.node && outer.operator === '=') {
      // module.exports = ...
      if (name === 'exports' || replaced !== undefined) {
        unknown = true; // `exports = ...` exports nothing new; two replacements depend on order
        return;
      }
      // `const api = module.exports = {}`: the object is held in a name too, and the module
      // may give it properties through that name (`api.handler = fn`)
      if (target.parent.parent.node.type !== 'ExpressionStatement') {
        unknown = true;
        return;
      }
      replaced = replacement(outer.right, names);
      if (replaced === undefined) unknown = true;
      return;
    }
    if (outer.type === 'MemberExpression' && outer.object === target.node) {
      const key = propertyName(outer) ?? undefined;
      const assigned = target.parent.parent.node;
      if (key !== undefined && assigned.type === 'AssignmentExpression' && assigned.left === outer && assigned.operator === '=') {
        names.add(key); // exports.handler = ..., module.exports.handler = ...
        return;
      }
      if (key !== undefined && assigned.type === 'MemberExpression' && assigned.object === outer && assigned.object !== undefined) {
        // exports.a.b = ...: `a` is there already (or the module fails to load)
        const inner = target.parent.parent.parent.node;
        if (inner.type === 'AssignmentExpression' && inner.left === assigned) names.add(key);
        return;
      }
      if (key !== undefined) return; // a read: exports.handler(...)
    }
    unknown = true;
  });

  if (unknown || (esm && commonJs)) return undefined;
  return { kind: replaced === 'function' ? 'function' : 'object', names: [...names] };
}

/** What `module.exports = value` makes the exports: its keys go into `names`. */
function replacement(value: any, names: Set<string>): 'object' | undefined {
  switch (value.type) {
    // A function or class: its properties are not settled by the source (a class's static
    // members, `main.handler = main` through its name, Object.assign(fn, ...)): the run looks.
    // (The run reports a handler string Lambda would not find on it, in the same words.)
    case 'ObjectExpression':
      for (const property of value.properties) {
        if (property.type === 'SpreadElement' || property.type === 'SpreadProperty' || property.computed) return undefined;
        const key = property.key;
        if (key.type === 'Identifier') names.add(key.name);
        else if (typeof key.value === 'string' || typeof key.value === 'number') names.add(String(key.value));
        else return undefined;
      }
      return 'object';
    default:
      return undefined;
  }
}


/**
 * Why Lambda would not find the handler at `handlerPath` in these exports, or undefined
 * when the first step of the path is there (the rest is left to the run).
 */
export function missingHandler(exports: StaticExports, handlerPath: string, moduleName: string): string | undefined {
  const first = handlerPath.split('.')[0];
  if (exports.names.includes(first)) return undefined;
  const listed = exports.names.join(', ') || 'none';
  if (exports.kind === 'function') return notOnFunction(handlerPath, `${moduleName}.${handlerPath}`, listed);
  return `the module exports nothing at \`${handlerPath}\` (exports: ${listed}); name the handler with --handler`;
}

/** The same words for the runner, which finds this out by loading the module. */
export function notOnFunction(handlerPath: string, handlerString: string, listed: string): string {
  return (
    `module.exports is a function (module.exports = fn), with no property \`${handlerPath.split('.')[0]}\` (its properties: ${listed}): ` +
    `Lambda's Node runtime require()s a CommonJS module and looks the handler up as a property of module.exports, ` +
    `so the handler string \`${handlerString}\` would not find it either (Runtime.HandlerNotFound); ` +
    `export the function under a name (module.exports.handler = fn, or exports.default = fn for \`.default\`) and name that`
  );
}
