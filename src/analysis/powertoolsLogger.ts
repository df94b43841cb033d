// The module's own Powertools logger (`const logger = new Logger(...)` with `Logger` from
// `@aws-lambda-powertools/logger`), so that generated logging goes through it.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { findModuleBinding, findNamedImport } from './imports';
import { packageVersion } from './packageVersion';
import { programPath } from './scope';

export const POWERTOOLS_LOGGER_MODULE = '@aws-lambda-powertools/logger';

export interface ModuleLogger {
  /** The binding that holds the logger (`logger`). */
  name: string;
  /** The module-level statement that creates it: code that uses the logger goes after it. */
  statement: any;
}

function isLoggerConstructor(callee: any, className: string | null, namespace: string | null): boolean {
  if (callee.type === 'Identifier') return callee.name === className;
  return (
    namespace !== null &&
    callee.type === 'MemberExpression' &&
    !callee.computed &&
    callee.object.type === 'Identifier' &&
    callee.object.name === namespace &&
    callee.property.name === 'Logger'
  );
}

/** The first module-level `new Logger(...)` from Powertools, or null. */
export function findPowertoolsLogger(j: JSCodeshift, root: Collection<any>): ModuleLogger | null {
  const className = findNamedImport(j, root, POWERTOOLS_LOGGER_MODULE, 'Logger');
  const namespace = findModuleBinding(j, root, POWERTOOLS_LOGGER_MODULE);
  if (!className && !namespace) return null;
  const body: any[] = programPath(j, root)!.node.body;
  for (const statement of body) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations) {
      if (d.id.type === 'Identifier' && d.init?.type === 'NewExpression' && isLoggerConstructor(d.init.callee, className, namespace)) {
        return { name: d.id.name, statement };
      }
    }
  }
  return null;
}

/** How a logger keeps a key through `resetKeys`: `appendPersistentKeys` since Logger 2.8,
 * `addPersistentLogAttributes` before (1.x and 2.0 to 2.7; deprecated, still there, from 2.8). */
export type PersistentKeysMethod = 'appendPersistentKeys' | 'addPersistentLogAttributes';
export const PERSISTENT_KEYS_METHODS: readonly PersistentKeysMethod[] = ['appendPersistentKeys', 'addPersistentLogAttributes'];

/**
 * The method the Logger that `filePath` will run with has: read from the version installed
 * in the nearest `node_modules` above the file, else from the lowest version the nearest
 * `package.json` that depends on it allows. With neither (dependencies not installed, the
 * logger declared elsewhere), the current method.
 */
export function persistentKeysMethod(filePath: string): PersistentKeysMethod {
  const version = packageVersion(filePath, POWERTOOLS_LOGGER_MODULE);
  if (!version) return 'appendPersistentKeys';
  return version[0] > 2 || (version[0] === 2 && version[1] >= 8) ? 'appendPersistentKeys' : 'addPersistentLogAttributes';
}
