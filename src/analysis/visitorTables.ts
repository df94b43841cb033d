// Every `j(x).find(Type)` builds a new ast-types PathVisitor, and each PathVisitor asks
// `computeSupertypeLookupTable` which of its method names applies to each of the ~300 node
// types, walking every type's supertype list. The answer depends only on the set of method
// names (all types are defined and finalized before the first visitor exists), and the
// transforms ask for the same few sets thousands of times: on a large tree this was about a
// tenth of the run. The table is kept per set of names; PathVisitor only reads it.
// Imported for its effect by the parser module, before any tree is analysed.
import path from 'node:path';
import jscodeshift from 'jscodeshift';

const PATCHED = Symbol.for('lambda-clean-slate.visitorTables');

/** The internal `types` object of the ast-types copy jscodeshift uses: the one PathVisitor
 * calls. A fork hands out the object its plugin made, so asking jscodeshift's fork for the
 * types plugin of that same copy returns it. */
function forkTypes(): any {
  const recastDirectory = path.dirname(require.resolve('recast'));
  const typesPlugin = require(require.resolve('ast-types/lib/types', { paths: [recastDirectory] })).default;
  const types = (jscodeshift.types as any).use(typesPlugin);
  // the same copy only if its node types are the very objects jscodeshift's are (ast-types
  // copies them into its exported namespace, so compare one type, not the namespaces)
  return types?.namedTypes?.Identifier === jscodeshift.types.namedTypes.Identifier ? types : null;
}

const types = forkTypes();
if (types && typeof types.computeSupertypeLookupTable === 'function' && !types[PATCHED]) {
  const compute = types.computeSupertypeLookupTable;
  const tables = new Map<string, Record<string, string>>();
  types.computeSupertypeLookupTable = function cachedSupertypeLookupTable(candidates: Record<string, unknown>) {
    const key = Object.keys(candidates).sort().join(',');
    let table = tables.get(key);
    if (!table) {
      table = compute(candidates) as Record<string, string>;
      // shared between visitors: a caller that changed it would change the others
      Object.freeze(table);
      tables.set(key, table);
    }
    return table;
  };
  types[PATCHED] = true;
}
