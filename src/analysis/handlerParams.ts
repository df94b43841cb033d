// Giving a handler access to its Lambda context: reuse the parameter it already has
// (`context`, `_context`, `ctx`, or a destructured one), else add one, with `_event` (and
// `_responseStream` for a streaming handler) in front when the earlier ones are missing.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { identifierNames } from './imports';
import { parseStatements } from './snippet';
import type { HandlerInfo } from './types';

export type ContextAccess =
  /** `name` is the context object; `added` when the parameter was added just now. */
  | { kind: 'identifier'; name: string; added: boolean }
  /** The context parameter is destructured (`(event, { awsRequestId })`): the caller reads
   * the properties it needs from the pattern. */
  | { kind: 'pattern'; pattern: any }
  | { kind: 'unsupported'; reason: string };

/** Names of the parameters added in front of the context, by position. */
const PLACEHOLDER_NAMES = ['_event', '_responseStream'];
const CONTEXT_NAMES = ['context', 'lambdaContext', 'invocationContext'];

/** Type of an added context parameter in a TypeScript file whose handler is not typed
 * from outside: only what generated code reads, so no `aws-lambda` types are needed. */
const CONTEXT_TYPE_LITERAL = '{ awsRequestId: string }';

function namesUsedIn(j: JSCodeshift, fn: any): Set<string> {
  return identifierNames(j, j(fn));
}

/** A name that appears nowhere in the function, so a new parameter shadows nothing. */
function unusedName(candidates: string[], used: Set<string>): string {
  for (const name of candidates) if (!used.has(name)) return name;
  const base = candidates[0];
  for (let i = 2; ; i++) if (!used.has(`${base}${i}`)) return `${base}${i}`;
}

/** True when the handler gets its parameter types from outside: `const handler: Handler =
 * async (event, context) => ...` or `... satisfies Handler`. A function passed to a
 * wrapper counts as untyped: an annotation that fits any Lambda context is always valid. */
function isContextuallyTyped(fnPath: any): boolean {
  let p = fnPath.parent;
  while (p && p.node.type === 'ParenthesizedExpression') p = p.parent;
  if (!p) return false;
  const node = p.node;
  if (node.type === 'TSSatisfiesExpression' || node.type === 'TSAsExpression') return true;
  return node.type === 'VariableDeclarator' && node.init === fnPath.node && !!node.id.typeAnnotation;
}

/** The local name of `Context` imported from `aws-lambda`, if the file has it. */
function importedContextType(j: JSCodeshift, root: Collection<any>): string | null {
  let local: string | null = null;
  root.find(j.ImportDeclaration).forEach((p) => {
    if (p.node.source.value !== 'aws-lambda') return;
    for (const s of p.node.specifiers ?? []) {
      if (s.type === 'ImportSpecifier' && s.imported.name === 'Context' && s.local) local = String(s.local.name);
    }
  });
  return local;
}

function contextFromParam(param: any): ContextAccess {
  const target = param.type === 'AssignmentPattern' ? param.left : param;
  if (target.type === 'Identifier') return { kind: 'identifier', name: target.name, added: false };
  if (target.type === 'ObjectPattern') return { kind: 'pattern', pattern: target };
  return { kind: 'unsupported', reason: `its context parameter is a ${target.type}, not a name or an object pattern` };
}

/** Finds the handler's context parameter, adding it (and placeholders before it) when it is
 * missing. `typescript`: annotate added parameters when nothing types them from outside. */
export function ensureContextParam(j: JSCodeshift, root: Collection<any>, handler: HandlerInfo, typescript: boolean): ContextAccess {
  const fn: any = handler.fn.node;
  const index = handler.contextParamIndex;
  const params: any[] = fn.params;
  if (params.slice(0, index + 1).some((p) => p.type === 'RestElement')) {
    return { kind: 'unsupported', reason: 'it takes its parameters through a rest parameter' };
  }
  if (params.length > index) return contextFromParam(params[index]);

  const used = namesUsedIn(j, fn);
  const annotate = typescript && !isContextuallyTyped(handler.fn);
  const contextType = annotate ? (importedContextType(j, root) ?? CONTEXT_TYPE_LITERAL) : null;
  const added: string[] = [];
  for (let position = params.length; position < index; position++) {
    const name = unusedName([PLACEHOLDER_NAMES[position] ?? `_arg${position}`], used);
    added.push(annotate ? `${name}?: unknown` : name);
  }
  const contextName = unusedName(CONTEXT_NAMES, used);
  // optional: callers that pass the event alone (unit tests, other handlers) still compile
  added.push(contextType ? `${contextName}?: ${contextType}` : contextName);

  // parsed with the file's parser so that annotations come out as written
  const [header] = parseStatements(j, `function f(${added.join(', ')}) {}`);
  params.push(...header.params);
  return { kind: 'identifier', name: contextName, added: true };
}

/** The local name a destructured context gives `awsRequestId` (`{ awsRequestId }` or
 * `{ awsRequestId: id }`), or null when the pattern does not take it. */
export function destructuredProperty(pattern: any, property: string): string | null {
  for (const p of pattern.properties) {
    if ((p.type !== 'Property' && p.type !== 'ObjectProperty') || p.computed) continue;
    const key = p.key.type === 'Identifier' ? p.key.name : p.key.value;
    if (key !== property) continue;
    const value = p.value.type === 'AssignmentPattern' ? p.value.left : p.value;
    return value.type === 'Identifier' ? value.name : null;
  }
  return null;
}
