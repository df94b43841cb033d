// The module's own Powertools logger (`const logger = new Logger(...)` with `Logger` from
// `@aws-lambda-powertools/logger`), so that generated logging goes through it.
import fs from 'node:fs';
import path from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';
import { findModuleBinding, findNamedImport } from './imports';
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
  const version = loggerVersion(path.dirname(path.resolve(filePath)));
  if (!version) return 'appendPersistentKeys';
  return version[0] > 2 || (version[0] === 2 && version[1] >= 8) ? 'appendPersistentKeys' : 'addPersistentLogAttributes';
}

const versions = new Map<string, [number, number] | null>();

function loggerVersion(dir: string): [number, number] | null {
  const known = versions.get(dir);
  if (known !== undefined) return known;
  let found: [number, number] | null = null;
  const installed = readJson(path.join(dir, 'node_modules', POWERTOOLS_LOGGER_MODULE, 'package.json'));
  if (installed) {
    found = majorMinor(installed.version);
  } else {
    const manifest = readJson(path.join(dir, 'package.json'));
    const range = manifest && ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'].map((field) => manifest[field]?.[POWERTOOLS_LOGGER_MODULE]).find((r) => typeof r === 'string');
    if (range) found = majorMinor(range);
    else if (path.dirname(dir) !== dir) found = loggerVersion(path.dirname(dir));
  }
  versions.set(dir, found);
  return found;
}

/** `2.8.1`, `^1.18.0`, `~2.3`, `>=2.8.0 <3`, `2.x` → the first major and minor written. */
function majorMinor(version: unknown): [number, number] | null {
  const m = typeof version === 'string' ? /(\d+)(?:\.(\d+|[xX*]))?/.exec(version) : null;
  if (!m) return null;
  return [Number(m[1]), m[2] === undefined || /[xX*]/.test(m[2]) ? 0 : Number(m[2])];
}

function readJson(file: string): any {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}
