// Giving a handler access to its Lambda context: reuse the parameter it already has
// (`context`, `_context`, `ctx`, or a destructured one), else add one, with `_event` (and
// `_responseStream` for a streaming handler) in front when the earlier ones are missing.
import type { Collection, JSCodeshift } from 'jscodeshift';
import { identifierNames } from './imports';
import { alignWithItsLine } from './insert';
import { isPackageSource } from './packageValues';
import { programPath } from './scope';
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
  return contextualTypeOf(fnPath) !== null;
}

/** The type the handler is checked against from outside: the `satisfies` / `as` type around
 * it, or the annotation of the variable it initialises; null when there is none. */
function contextualTypeOf(fnPath: any): any | null {
  let p = fnPath.parent;
  while (p && p.node.type === 'ParenthesizedExpression') p = p.parent;
  const node = p?.node;
  if (node?.type === 'TSSatisfiesExpression' || node?.type === 'TSAsExpression') return node.typeAnnotation;
  if (node?.type === 'VariableDeclarator' && node.init === fnPath.node) return node.id.typeAnnotation?.typeAnnotation ?? null;
  return null;
}

/** How many parameters the type the handler is checked against declares, when this file
 * spells it: a function type written in the annotation (`const handler: (event: E) => R =`),
 * or a type alias of this file that is one (`type ApiHandler = (event: E) => R`); null when
 * the type comes from elsewhere (`Handler` from aws-lambda) or is not a function type. */
function contextualParamCount(j: JSCodeshift, root: Collection<any>, fnPath: any): number | null {
  let type = contextualTypeOf(fnPath);
  for (let depth = 0; type && depth < 5; depth++) {
    if (type.type === 'TSParenthesizedType') type = type.typeAnnotation;
    else if (type.type === 'TSFunctionType') return (type.parameters ?? type.params ?? []).length;
    else if (type.type === 'TSTypeReference' && type.typeName?.type === 'Identifier') {
      // an alias or an interface of this file (`type Gen<E> = (event: E) => R`,
      // `interface Callable { (event: E): R }`); one imported from elsewhere is not followed
      const name = type.typeName.name;
      const declared = programPath(j, root)!
        .node.body.map((statement: any) => (statement.type === 'ExportNamedDeclaration' ? statement.declaration : statement))
        .find((statement: any) => (statement?.type === 'TSTypeAliasDeclaration' || statement?.type === 'TSInterfaceDeclaration') && statement.id.name === name);
      if (declared?.type === 'TSInterfaceDeclaration') {
        const members: any[] = declared.body?.body ?? [];
        const calls = members.filter((m) => m.type === 'TSCallSignatureDeclaration');
        return calls.length === 1 && members.length === 1 && !declared.extends?.length ? (calls[0].parameters ?? calls[0].params ?? []).length : null;
      }
      type = declared?.typeAnnotation ?? null;
    } else return null;
  }
  return null;
}

/** `function handler(event: A): R;` signatures above the implementation `fn` (a function
 * declaration of the module, exported or not). */
function hasOverloads(j: JSCodeshift, root: Collection<any>, fn: any): boolean {
  if (fn.type !== 'FunctionDeclaration' || !fn.id) return false;
  return programPath(j, root)!.node.body.some((statement: any) => {
    const declared = statement.type === 'ExportNamedDeclaration' || statement.type === 'ExportDefaultDeclaration' ? statement.declaration : statement;
    return declared?.type === 'TSDeclareFunction' && declared.id?.name === fn.id.name;
  });
}

/** The handler's type (annotation or `satisfies`) is a name imported from a file of the
 * project (`import type { ApiHandler } from './types'`). */
function typedByProjectImport(j: JSCodeshift, root: Collection<any>, fnPath: any): boolean {
  const type = contextualTypeOf(fnPath);
  if (type?.type !== 'TSTypeReference') return false;
  const name = type.typeName?.type === 'Identifier' ? type.typeName.name : type.typeName?.type === 'TSQualifiedName' && type.typeName.left.type === 'Identifier' ? type.typeName.left.name : null;
  if (!name) return false;
  return programPath(j, root)!.node.body.some(
    (statement: any) =>
      statement.type === 'ImportDeclaration' &&
      !isPackageSource(String(statement.source.value)) &&
      (statement.specifiers ?? []).some((s: any) => s.local?.name === name),
  );
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
  const first = handler.eventParamIndex;
  if (index === null || first === null) {
    // `main.bind(null, ...deps)`: how many parameters the spread fills is only known at run
    // time; the same function also exported unbound: Lambda's context comes at two positions
    return { kind: 'unsupported', reason: 'which of its parameters receives the Lambda context is not known: arguments are bound to it with a spread (`.bind(thisArg, ...args)`), or it is exported both with bound arguments and without' };
  }
  const params: any[] = fn.params;
  if (params.slice(0, index + 1).some((p) => p.type === 'RestElement')) {
    return { kind: 'unsupported', reason: 'it takes its parameters through a rest parameter' };
  }
  if (params.length > index) return contextFromParam(params[index]);

  if (typescript && hasOverloads(j, root, fn)) {
    return { kind: 'unsupported', reason: 'it has overload signatures, which a context parameter added to the implementation would no longer match (TS2394); add `context?: Context` to the signatures to log the request id' };
  }
  const declared = typescript ? contextualParamCount(j, root, handler.fn) : null;
  if (declared !== null && declared <= index) {
    return { kind: 'unsupported', reason: `its type, declared in this file, takes ${declared === 1 ? 'one parameter' : `${declared} parameters`}, so a context parameter added to the function would not type-check; add \`context\` to that type to log the request id` };
  }
  const used = namesUsedIn(j, fn);
  // typed from outside by a type of another project file, which this file cannot see: the
  // added parameter is optional and typed, which fits a type that has a context parameter
  // and one that has none
  const unseenType = typescript && isContextuallyTyped(handler.fn) && typedByProjectImport(j, root, handler.fn);
  const annotate = typescript && !isContextuallyTyped(handler.fn);
  const contextType = annotate ? (importedContextType(j, root) ?? CONTEXT_TYPE_LITERAL) : unseenType ? CONTEXT_TYPE_LITERAL : null;
  const added: string[] = [];
  for (let position = params.length; position < index; position++) {
    // named by what Lambda passes there, counted from the event's position (after a `this`
    // parameter and bound arguments); a missing bound argument's is `_argN`
    const name = unusedName([(position >= first && PLACEHOLDER_NAMES[position - first]) || `_arg${position}`], used);
    added.push(annotate ? `${name}?: unknown` : name);
  }
  const contextName = unusedName(CONTEXT_NAMES, used);
  // optional: callers that pass the event alone (unit tests, other handlers) still compile
  added.push(contextType ? `${contextName}?: ${contextType}` : contextName);

  alignWithItsLine(handler.fn.node);
  if (!addKeepingHeaderText(j, handler.fn, added)) {
    // parsed with the file's parser so that annotations come out as written
    const [header] = parseStatements(j, `function f(${added.join(', ')}) {}`);
    params.push(...header.params);
  }
  return { kind: 'identifier', name: contextName, added: true };
}

/** How to parse the header of the node recast prints a function with on its own (`header`
 * ends with `{}`) and find that node in the parse: the function itself, or, where recast
 * keeps no position for the function (an exported declaration, a method in the estree
 * shape the babel parser gives), the export or method around it, whose field `fn` holds
 * the function. `pad` puts the header at the column the node's lines are indented from,
 * so that a header written on several lines keeps its layout. Arrow functions are left to
 * recast: its `(event, context) =>` is their usual form, and `event =>` needs the
 * parentheses it adds. */
interface HeaderOwner {
  text: (pad: string, header: string) => string;
  find: (statements: any[]) => any;
  fn?: 'declaration' | 'value';
}

const statement = (pad: string, header: string) => `${pad}${header}`;
const inParentheses = (pad: string, header: string) => `(\n${pad}${header}\n)`;
const inObject = (pad: string, header: string) => `({\n${pad}${header}\n})`;
const inClass = (pad: string, header: string) => `(class {\n${pad}${header}\n})`;
const first = (statements: any[]) => statements[0];
const expression = (statements: any[]) => unparenthesized(statements[0]?.expression);
const property = (statements: any[]) => expression(statements)?.properties?.[0];
const member = (statements: any[]) => expression(statements)?.body?.body?.[0];

const HEADER_OWNERS: Record<string, HeaderOwner> = {
  FunctionDeclaration: { text: statement, find: first },
  FunctionExpression: { text: inParentheses, find: expression },
  ObjectMethod: { text: inObject, find: property },
  ClassMethod: { text: inClass, find: member },
  ExportNamedDeclaration: { text: statement, find: first, fn: 'declaration' },
  ExportDefaultDeclaration: { text: statement, find: first, fn: 'declaration' },
  Property: { text: inObject, find: property, fn: 'value' },
  MethodDefinition: { text: inClass, find: member, fn: 'value' },
};

/** The node recast prints the function with, and how to parse its header. */
function headerOwner(fnPath: any): { node: any; kind: HeaderOwner } | null {
  const fn = fnPath.node;
  if (fn.loc) return HEADER_OWNERS[fn.type] && !HEADER_OWNERS[fn.type].fn ? { node: fn, kind: HEADER_OWNERS[fn.type] } : null;
  const parent = fnPath.parent?.node;
  const kind = parent && HEADER_OWNERS[parent.type];
  return kind?.fn && parent[kind.fn] === fn && parent.loc ? { node: parent, kind } : null;
}

function unparenthesized(node: any): any {
  while (node?.type === 'ParenthesizedExpression') node = node.expression;
  return node;
}

/** A node or a list of them (an empty list is no more than a default ast-types filled in). */
function isNodeValue(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : typeof value === 'object' && value !== null && typeof (value as any).type === 'string';
}

const COMMENT_KEYS = new Set(['comments', 'leadingComments', 'trailingComments', 'innerComments']);

type Position = { line: number; column: number };

/** Where the parameter list's `(` ends when the function has no parameters: after the first
 * `(` outside comments from `from` (the end of the name or type parameters) on. Walks
 * recast's positions, which count an indentation's tabs as the columns they fill. */
function afterOpenParen(lines: any, from: Position, to: Position): Position | null {
  const pos = { line: from.line, column: from.column };
  let comment: 'block' | 'line' | null = null;
  while (after(to, pos)) {
    const char: string = lines.charAt(pos);
    if (!lines.nextPos(pos)) return null;
    const next: string = after(to, pos) ? lines.charAt(pos) : '';
    if (comment === 'block') {
      if (char === '*' && next === '/') {
        comment = null;
        lines.nextPos(pos);
      }
    } else if (comment === 'line') {
      if (char === '\n') comment = null;
    } else if (char === '/' && (next === '*' || next === '/')) {
      comment = next === '*' ? 'block' : 'line';
      lines.nextPos(pos);
    } else if (char === '(') {
      return pos;
    }
  }
  return null;
}

const after = (a: Position, b: Position) => a.line > b.line || (a.line === b.line && a.column > b.column);

/**
 * Adds the parameters (`added`, as source text) so that the function's header keeps the
 * user's own text: `async function (event)` becomes `async function (event, context)`,
 * not recast's `async function(event, context)`.
 *
 * recast prints a node whose list of parameters changed length from scratch, and its
 * generic printer has one layout for a function header (no space before `(`, a header
 * written on several lines joined into one). So the header is written as text instead:
 * the user's header with the parameters inserted after the last one, parsed on its own,
 * and that parse becomes the `original` recast compares the function with. The
 * parameters, name, types and body, which differ from the parse's at least by position,
 * are then reprinted from the function's real nodes, each from its own original text as
 * before; only the text between them (`async function (`, `, `, `) `) comes from the
 * header. Returns false, having changed nothing, for another kind of function or one
 * that no longer matches its source text.
 */
function addKeepingHeaderText(j: JSCodeshift, fnPath: any, added: string[]): boolean {
  const fn = fnPath.node;
  const owner = headerOwner(fnPath);
  if (!owner || fn.body?.type !== 'BlockStatement') return false;
  const lines = owner.node.loc.lines;
  const positioned = (node: any) => node?.loc?.lines === lines;
  if (!lines || !fn.params.every(positioned) || !positioned(fn.body)) return false;
  // a keyword or flag changed since the parse would not show in the header's text
  for (const node of new Set([owner.node, fn])) {
    const original = node.original;
    if (!original || original.type !== node.type) return false;
    for (const key of Object.keys(node)) {
      if (key === 'loc' || COMMENT_KEYS.has(key) || isNodeValue(node[key]) || isNodeValue(original[key])) continue;
      // ast-types fills a field it visits with its default where the parse left it out
      const [now, then] = [j.types.getFieldValue(node, key), j.types.getFieldValue(original, key)];
      if (now !== then && JSON.stringify(now) !== JSON.stringify(then)) return false;
    }
  }

  // A comment in the header that is not a parameter's is printed with the node recast
  // attached it to (the body, the function): it would be printed twice.
  const inHeader = (comment: any) => comment.loc && !after(owner.node.loc.start, comment.loc.start) && !after(comment.loc.end, fn.body.loc.start);
  if ([owner.node, fn, fn.body].some((node) => (node.comments ?? []).some(inHeader))) return false;

  alignWithItsLine(owner.node);
  const params: any[] = fn.params;
  const last = params[params.length - 1];
  let at: Position | null;
  let inserted = added.join(', ');
  if (last) {
    at = last.loc.end;
    // after the last parameter's trailing comments, so that they stay with it
    for (const comment of last.comments ?? []) {
      if (!comment.trailing || !comment.loc || !after(comment.loc.end, at!)) continue;
      if (comment.type === 'CommentLine' || comment.type === 'Line') return false;
      at = comment.loc.end;
    }
    // one parameter a line: the new ones each on a line of their own, indented the same
    const indent: string = lines.slice({ line: last.loc.start.line, column: 0 }, last.loc.start).toString();
    const ownLine = last.loc.start.line > owner.node.loc.start.line && /^[ \t]*$/.test(indent);
    inserted = ownLine ? added.map((param) => `,\n${indent}${param}`).join('') : `, ${inserted}`;
  } else {
    const before = fn.typeParameters ?? fn.id ?? fn.key ?? owner.node.key;
    at = afterOpenParen(lines, positioned(before) ? before.loc.end : owner.node.loc.start, fn.body.loc.start);
  }
  if (!at) return false;
  const header = `${lines.slice(owner.node.loc.start, at).toString()}${inserted}${lines.slice(at, fn.body.loc.start).toString()}{}`;

  let parsedOwner: any;
  try {
    parsedOwner = owner.kind.find(parseStatements(j, owner.kind.text(' '.repeat(owner.node.loc.indent ?? 0), header)));
  } catch {
    return false;
  }
  const parsed = owner.kind.fn ? parsedOwner?.[owner.kind.fn] : parsedOwner;
  if (parsedOwner?.type !== owner.node.type || !parsedOwner.loc || parsed?.type !== fn.type || parsed.params?.length !== params.length + added.length || parsed.body?.type !== 'BlockStatement') {
    return false;
  }

  const standFn = standIn(fn, parsed);
  const stand = owner.kind.fn ? standIn(owner.node, parsedOwner) : standFn;
  if (!standFn || !stand) return false;
  if (owner.kind.fn) stand[owner.kind.fn] = standFn;
  params.push(...parsed.params.slice(params.length));
  owner.node.original = stand;
  return true;
}

/** The header's parse of `node`, standing in for its original: the parse's nodes where
 * `node` has nodes (recast compares them with the real ones and reprints those from their
 * own text), `node`'s own values everywhere else (so that nothing but nodes differs), and
 * the parse's position. Null when `node` has a node the parse lacks. */
function standIn(node: any, parsed: any): any {
  const stand = Object.create(Object.getPrototypeOf(node.original));
  for (const key of new Set([...Object.keys(node), ...Object.keys(parsed)])) {
    if (key === 'loc') stand.loc = parsed.loc;
    // comments around the node are printed from the node as they are at print time (a
    // file's header comment may still pass from it to a statement inserted above it)
    else if (COMMENT_KEYS.has(key)) Object.defineProperty(stand, key, { get: () => node[key], enumerable: true });
    else if (isNodeValue(parsed[key])) stand[key] = parsed[key];
    else if (isNodeValue(node[key])) return null;
    else stand[key] = node[key];
  }
  return stand;
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
