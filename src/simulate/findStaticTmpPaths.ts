// The static paths below /tmp/ that a module's source names. A new execution environment
// starts without them, so `simulate` removes them before each environment it starts.
// What counts as a /tmp path is decided by the `tmp` transform's own analysis
// (`evaluateString`, `classifyTmpPath`), so that both agree; simulate only looks in more
// places than file system calls (a path in an options object, a constant handed to a
// library), because whatever the module names there may be left behind by a warm run.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { jscodeshiftFor, parserFor } from '../analysis/parser';
import { evaluateString, findPathBindings, isPathOrOsCall, LAMBDA_TMP, type PathBindings } from '../analysis/staticPath';
import { classifyTmpPath } from '../analysis/tmpPaths';

/** The static `/tmp/...` paths named in `source`, outermost first, without paths already
 * inside another one. Throws when the source does not parse. */
export function findStaticTmpPaths(source: string, filePath: string): string[] {
  const j = jscodeshiftFor(parserFor(filePath) ?? 'babel');
  return staticTmpPathsIn(j, j(source));
}

/** The same, on a tree that is already parsed. */
export function staticTmpPathsIn(j: JSCodeshift, root: Collection<any>): string[] {
  const bindings = findPathBindings(j, root);
  const found = new Set<string>();
  root.find(j.Node).forEach((p) => {
    if (!mayBuildString(p, bindings)) return;
    const value = classifyTmpPath(evaluateString(j, p, bindings));
    if (value?.kind === 'static' && isRemovableTmpPath(value.path)) found.add(value.path);
  });
  const sorted = [...found].sort((a, b) => a.length - b.length || a.localeCompare(b));
  return sorted.filter((p, i) => !sorted.slice(0, i).some((outer) => p.startsWith(`${outer}/`)));
}

/**
 * Simulate's safety rule, checked again right before deleting: a static path strictly
 * below /tmp/ (by the transform's classification: no `..`, not /tmp itself), and nothing
 * that reads like a glob or a sentence (`'/tmp/*.json'`, `'/tmp/ is full'`).
 */
export function isRemovableTmpPath(value: string): boolean {
  if (/[\s*?]/.test(value)) return false;
  const classified = classifyTmpPath({ static: true, text: value, dotDot: value.split('/').includes('..') });
  return classified?.kind === 'static' && classified.path.startsWith(`${LAMBDA_TMP}/`);
}

/** The expressions whose value can be a path: the analysis evaluates these; a name is
 * reached through the declaration it reads, which is itself one of them. */
function mayBuildString(p: ASTPath<any>, bindings: PathBindings): boolean {
  const node = p.node;
  switch (node.type) {
    case 'StringLiteral':
    case 'TemplateLiteral':
      return true;
    case 'Literal':
      return typeof node.value === 'string';
    case 'BinaryExpression':
      return node.operator === '+';
    case 'CallExpression':
      return isPathOrOsCall(p, bindings);
    default:
      return false;
  }
}
