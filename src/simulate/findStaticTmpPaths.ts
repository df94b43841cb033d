// The static paths below /tmp/ that a module's source names. A new execution environment
// starts without them, so `simulate` removes them before each environment it starts.
// Kept apart from the rest of `simulate` so that it can share the `tmp` transform's analysis.
import path from 'node:path';
import type { Collection, JSCodeshift } from 'jscodeshift';
import { jscodeshiftFor, parserFor } from '../analysis/parser';

const TMP = '/tmp';
const PATH_FUNCTIONS = new Set(['join', 'resolve']);
/** Deeper than this, a chain of constants is not followed (and cycles end). */
const MAX_DEPTH = 8;

/** The static `/tmp/...` paths named in `source` (string and template literals,
 * `path.join('/tmp', ...)`, `path.join(os.tmpdir(), ...)`, and module constants holding
 * them), outermost first, without paths already inside another one. Throws when the
 * source does not parse. */
export function findStaticTmpPaths(source: string, filePath: string): string[] {
  const j = jscodeshiftFor(parserFor(filePath) ?? 'babel');
  return staticTmpPathsIn(j, j(source));
}

/** The same, on a tree that is already parsed. */
export function staticTmpPathsIn(j: JSCodeshift, root: Collection<any>): string[] {
  const constants = moduleConstants(j, root);
  const found = new Set<string>();
  root.find(j.Node).forEach((p) => {
    const value = staticString(p.value, constants, 0);
    if (value !== null && isRemovableTmpPath(value)) found.add(path.posix.normalize(value).replace(/\/+$/, ''));
  });
  const sorted = [...found].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return sorted.filter((p, i) => !sorted.slice(0, i).some((outer) => p.startsWith(outer + '/')));
}

/** Strictly below /tmp/, no `..`, nothing that reads like a glob or a sentence. */
export function isRemovableTmpPath(value: string): boolean {
  if (!value.startsWith(TMP + '/')) return false;
  if (/[\s*?]/.test(value)) return false;
  if (value.split('/').includes('..')) return false;
  const normalized = path.posix.normalize(value).replace(/\/+$/, '');
  return normalized.startsWith(TMP + '/') && normalized.length > TMP.length + 1;
}

/** Module-level `const NAME = <expression>` declarations, by name. */
function moduleConstants(j: JSCodeshift, root: Collection<any>): Map<string, any> {
  const constants = new Map<string, any>();
  const program = root.find(j.Program).paths()[0];
  for (const statement of program?.value.body ?? []) {
    const declaration = statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement;
    if (declaration?.type !== 'VariableDeclaration' || declaration.kind !== 'const') continue;
    for (const d of declaration.declarations as any[]) {
      if (d.id.type === 'Identifier' && d.init) constants.set(d.id.name, d.init);
    }
  }
  return constants;
}

/** The string an expression always evaluates to, or null when any part of it is dynamic. */
function staticString(node: any, constants: Map<string, any>, depth: number): string | null {
  if (!node || depth > MAX_DEPTH) return null;
  switch (node.type) {
    case 'StringLiteral':
      return node.value;
    case 'Literal':
      return typeof node.value === 'string' ? node.value : null;
    case 'TemplateLiteral': {
      let text = node.quasis[0].value.cooked ?? '';
      for (let i = 0; i < node.expressions.length; i++) {
        const part = staticString(node.expressions[i], constants, depth + 1);
        if (part === null) return null;
        text += part + (node.quasis[i + 1].value.cooked ?? '');
      }
      return text;
    }
    case 'BinaryExpression': {
      if (node.operator !== '+') return null;
      const left = staticString(node.left, constants, depth + 1);
      const right = left === null ? null : staticString(node.right, constants, depth + 1);
      return right === null ? null : left! + right;
    }
    case 'Identifier': {
      const init = constants.get(node.name);
      return init ? staticString(init, constants, depth + 1) : null;
    }
    case 'TSAsExpression':
    case 'TSSatisfiesExpression':
    case 'ParenthesizedExpression':
      return staticString(node.expression, constants, depth + 1);
    case 'CallExpression':
      return staticCall(node, constants, depth);
    default:
      return null;
  }
}

/** `os.tmpdir()` / `tmpdir()` is /tmp on Lambda; `path.join` and `path.resolve` of static parts. */
function staticCall(node: any, constants: Map<string, any>, depth: number): string | null {
  const callee = node.callee;
  const name = callee.type === 'Identifier' ? callee.name : callee.type === 'MemberExpression' && !callee.computed ? callee.property.name : null;
  if (name === 'tmpdir' && node.arguments.length === 0) return TMP;
  if (name === null || !PATH_FUNCTIONS.has(name) || node.arguments.length === 0) return null;
  const parts: string[] = [];
  for (const argument of node.arguments) {
    const part = staticString(argument, constants, depth + 1);
    if (part === null) return null;
    parts.push(part);
  }
  if (name === 'join') return path.posix.join(...parts);
  // resolve() of a relative start depends on the working directory: not static
  return parts[0].startsWith('/') ? path.posix.resolve(...parts) : null;
}
