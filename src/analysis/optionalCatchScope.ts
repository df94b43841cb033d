// ast-types 0.16 crashes ("null does not match type Pattern") when it scans the scope of
// a `catch { ... }` clause without a parameter (ES2019 optional catch binding), which any
// scope lookup inside such a clause triggers: benjamn/ast-types#944, facebook/jscodeshift#586.
// A clause without a parameter binds nothing, so its scan is an empty one. Imported for
// its effect by the parser module, before any tree is analysed.
import jscodeshift from 'jscodeshift';

const PATCHED = Symbol.for('lambda-clean-slate.optionalCatchScope');

/** The Scope prototype of the ast-types copy jscodeshift uses (ast-types builds the class
 * inside a plugin, so it is reached through a scope it made). */
function scopePrototype(): any {
  const identifier = jscodeshift('x').find(jscodeshift.Identifier).paths()[0];
  return identifier?.scope ? Object.getPrototypeOf(identifier.scope) : null;
}

const prototype = scopePrototype();
if (prototype && !prototype[PATCHED]) {
  const scan = prototype.scan;
  prototype.scan = function scanUnlessBindingless(this: any, force?: boolean) {
    const node = this.path?.value;
    if (node?.type === 'CatchClause' && !node.param) {
      this.didScan = true;
      return;
    }
    return scan.call(this, force);
  };
  prototype[PATCHED] = true;
}
