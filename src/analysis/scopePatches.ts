// Two corrections to the scopes of the ast-types copy jscodeshift uses. Imported for its
// effect by the parser module, before any tree is analysed.
//
// - ast-types 0.16 crashes ("null does not match type Pattern") when it scans the scope of
//   a `catch { ... }` clause without a parameter (ES2019 optional catch binding), which any
//   scope lookup inside such a clause triggers: benjamn/ast-types#944, facebook/jscodeshift#586.
//   A clause without a parameter binds nothing, so its scan is an empty one.
// - ast-types does not declare the name that TypeScript's `import fs = require('fs')` (or
//   `import X = A.B`) binds: a lookup of `fs` found no scope at all, so the module's `fs` was
//   neither the module's binding nor shadowed by a local. The module scope declares it.
import jscodeshift from 'jscodeshift';

const PATCHED = Symbol.for('lambda-clean-slate.scopePatches');

/** The Scope prototype of the ast-types copy jscodeshift uses (ast-types builds the class
 * inside a plugin, so it is reached through a scope it made). */
function scopePrototype(): any {
  const identifier = jscodeshift('x').find(jscodeshift.Identifier).paths()[0];
  return identifier?.scope ? Object.getPrototypeOf(identifier.scope) : null;
}

/** Adds the names of the program's `import x = ...` declarations (not `import type`). */
function declareImportEquals(scope: any): void {
  const program = scope.path?.value;
  if (program?.type !== 'Program') return;
  program.body.forEach((statement: any, index: number) => {
    if (statement.type !== 'TSImportEqualsDeclaration' || statement.importKind === 'type' || !statement.id) return;
    const declared: any[] = (scope.bindings[statement.id.name] ??= []);
    if (!declared.some((path) => path.value === statement.id)) declared.push(scope.path.get('body', index, 'id'));
  });
}

const prototype = scopePrototype();
if (prototype && !prototype[PATCHED]) {
  const scan = prototype.scan;
  prototype.scan = function scanPatched(this: any, force?: boolean) {
    const node = this.path?.value;
    if (node?.type === 'CatchClause' && !node.param) {
      this.didScan = true;
      return;
    }
    const scanning = force || !this.didScan;
    const result = scan.call(this, force);
    if (scanning) declareImportEquals(this);
    return result;
  };
  prototype[PATCHED] = true;
}
