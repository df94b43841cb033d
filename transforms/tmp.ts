// `tmp`: a /tmp cleanup preamble.
//
// Lambda keeps /tmp between invocations of a warm environment, so files one invocation
// writes are still there for the next (a listing that grows, a log that keeps its old
// lines). This transform finds the static /tmp paths a handler writes and inserts, at the
// top of the handler, statements that remove them (a directory recursively, then creates
// it again) so every invocation starts with /tmp as a cold start has it.
//
// It never removes /tmp itself, a path with a dynamic part, a path with `..`, a path the
// code only reads, or a download cache (written only after an existence check finds it
// missing); those are reported for review. A directory is created again after removal
// only when the handler does not create it itself (it was made as the module loaded).
//
// A directory the handler writes into is removed recursively only when nothing below it
// that the code reads (reads, stats, checks for, lists, hands to a library it does not
// follow, in the handler or as the module loads) is missing from what the code writes
// itself. Its own output counts as written: the files it writes, the directories it writes
// into or creates (so listing the directory it fills, the "listing that grows", is still
// fixed), and per-invocation names in a directory where it writes such names. A directory
// that also holds something the code reads but never writes (a token a Lambda extension
// put there) is kept: only the static files the handler writes there are removed, and the
// directory is reported for review ("holds paths the handler reads but does not write").
// Example, in a synchronous handler:
//
//   const OUT = path.join(os.tmpdir(), 'out');
//   exports.handler = (event) => {
//     // A warm start keeps /tmp: remove what earlier invocations left there.   <- added
//     fs.rmSync(OUT, { recursive: true, force: true });                          <- added
//     fs.rmSync('/tmp/run.log', { force: true });                                <- added
//     fs.mkdirSync(OUT, { recursive: true });
//     fs.writeFileSync(path.join(OUT, `${event.id}.json`), event.body);
//     fs.appendFileSync('/tmp/run.log', `${event.id}\n`);
//   };
import { builtinModules } from 'node:module';
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import { findFsBindings, fsCallOf, fsModuleApi, isModuleFsBinding } from '../src/analysis/fsBindings';
import { ensureModuleBinding, findModuleBinding, findNamedImport, freeName } from '../src/analysis/imports';
import { indexForNewImport, insertInModule, prependToHandler } from '../src/analysis/insert';
import { addToNamedImport, ensureNamedImport } from '../src/analysis/namedImport';
import { loadTimeUnits } from '../src/analysis/reach';
import { isReference, programPath, reachableFunctions } from '../src/analysis/scope';
import { asJscodeshiftTransform } from '../src/analysis/standalone';
import { evaluateString, findPathBindings } from '../src/analysis/staticPath';
import { isRemovableTmpPath, planTmpCleanup, type TmpRemoval } from '../src/analysis/tmpCleanup';
import { classifyTmpPath, findTmpPaths, moduleTmpConstants } from '../src/analysis/tmpPaths';
import type { HandlerInfo, Transform, TransformContext } from '../src/analysis/types';

const PREAMBLE_COMMENT = ' A warm start keeps /tmp: remove what earlier invocations left there.';

/** How generated code calls `rm` and `mkdir`: the callee of each, and whether to await. */
interface FsCallees {
  rm: () => any;
  mkdir: () => any;
  await: boolean;
}

function visibleFromHandler(handler: HandlerInfo, name: string): boolean {
  const scope = handler.fn.scope?.lookup(name);
  return !!scope && scope.isGlobal;
}

/** `import fs = require('fs')` statements at module level (TypeScript compiled as CommonJS). */
function importEqualsRequires(ctx: TransformContext): any[] {
  const body: any[] = programPath(ctx.j, ctx.root)!.node.body;
  return body.filter((s) => s.type === 'TSImportEqualsDeclaration' && s.moduleReference?.type === 'TSExternalModuleReference');
}

/** `node:fs` when the module names builtins that way (or names none), else `fs`. */
function fsSpecifier(ctx: TransformContext): string {
  const { j, root } = ctx;
  const specifiers: string[] = [];
  root.find(j.ImportDeclaration).forEach((p) => specifiers.push(String(p.node.source.value)));
  for (const s of importEqualsRequires(ctx)) specifiers.push(String(s.moduleReference.expression.value));
  root.find(j.CallExpression, { callee: { type: 'Identifier', name: 'require' } }).forEach((p) => {
    const arg: any = p.node.arguments[0];
    if (typeof arg?.value === 'string') specifiers.push(arg.value);
  });
  const bare = specifiers.some((s) => !s.startsWith('node:') && builtinModules.includes(s));
  const prefixed = specifiers.some((s) => s.startsWith('node:'));
  return bare && !prefixed ? 'fs' : 'node:fs';
}

/** The `fs` binding this transform added to a module (by its Program node), for the next
 * handler of the same module: the handlers' scopes were read before it existed and do not
 * see it. Its name was free in the whole file, so no handler shadows it. */
const addedFsBindings = new WeakMap<object, string>();
/** The same for `fs` functions this transform imported by name (`rm` from `fs/promises`). */
const addedFsNames = new WeakMap<object, Set<string>>();

/** Binds the whole `fs` module at module level and returns the name. A TypeScript module that
 * imports with `import x = require('x')` and has no value `import` declaration (the CommonJS
 * form TypeScript types, and the only one `verbatimModuleSyntax` allows there) gets one more
 * of those; any other module gets `require` or `import` by its kind. */
function addFsBinding(ctx: TransformContext, visible: (name: string) => boolean): string {
  const { j, root } = ctx;
  const valueImports = root.find(j.ImportDeclaration).filter((p) => (p.node as any).importKind !== 'type').length > 0;
  // a module binding the handler shadows with a name of its own (`const fs = ...` in its
  // body) cannot be used at its top: a new binding under a free name is added instead
  const program = programPath(j, root)!.node;
  if (valueImports || !importEqualsRequires(ctx).some((s) => s.importKind !== 'type')) {
    const before = findModuleBinding(j, root, fsSpecifier(ctx));
    const name = ensureModuleBinding(j, root, ctx.moduleKind, fsSpecifier(ctx), 'fs', visible);
    if (name !== before) addedFsBindings.set(program, name);
    return name;
  }
  const name = freeName(j, root, 'fs');
  const statement = j.tsImportEqualsDeclaration(j.identifier(name), j.tsExternalModuleReference(j.stringLiteral(fsSpecifier(ctx))));
  insertInModule(j, root, [statement], indexForNewImport(j, root));
  addedFsBindings.set(program, name);
  return name;
}

/** Reuses the module's own binding of `fs` or `fs/promises`, or its named imports of the
 * functions needed (adding the missing names to that import); adds a binding in the
 * module's style when there is none. */
function fsCallees(ctx: TransformContext, handler: HandlerInfo, needsMkdir: boolean): FsCallees {
  const { j } = ctx;
  const bindings = findFsBindings(j, ctx.root);
  const visible = (name: string) => isModuleFsBinding(handler.fn, name);
  const member = (object: () => any, method: string) => () => j.memberExpression(object(), j.identifier(method));
  const api = handler.style === 'async' ? 'promises' : 'fs';
  const wait = api === 'promises';

  const promises = bindings.promises.find(visible);
  if (wait && promises) return { rm: member(() => j.identifier(promises), 'rm'), mkdir: member(() => j.identifier(promises), 'mkdir'), await: true };

  const [rmMethod, mkdirMethod] = wait ? ['rm', 'mkdir'] : ['rmSync', 'mkdirSync'];
  const named = (method: string) => [...bindings.named.entries()].find(([local, imported]) => imported.api === api && imported.method === method && visible(local))?.[0];
  const rm = named(rmMethod);
  const mkdir = named(mkdirMethod);
  const byName = (rmName: string, mkdirName: string): FsCallees => ({ rm: () => j.identifier(rmName), mkdir: () => j.identifier(mkdirName), await: wait });
  if (rm && (mkdir || !needsMkdir)) return byName(rm, mkdir ?? mkdirMethod);

  const existing = bindings.modules.find(visible);
  if (!existing) {
    const missing = [rm ? null : rmMethod, mkdir || !needsMkdir ? null : mkdirMethod].filter((m): m is string => m !== null);
    if (addToNamedImport(j, ctx.root, (specifier) => fsModuleApi(specifier) === api, missing)) return byName(rm ?? rmMethod, mkdir ?? mkdirMethod);
    // the module imports `fs` functions by name (`import { writeFileSync } from 'node:fs'`): a
    // second, namespace import of `fs` beside that one is what linters flag (import/no-duplicates);
    // (a module that names only `fs/promises` functions gets the namespace import, no duplicate)
    // the functions are imported by name as well, from `fs/promises` for an async handler,
    // under a free name when theirs is taken
    const namesFs = [...bindings.named.values()].some((imported) => imported.api === 'fs');
    if (namesFs && !addedFsBindings.has(programPath(j, ctx.root)!.node)) {
      const named = namedFsImports(ctx, api, [rm ? null : rmMethod, mkdir || !needsMkdir ? null : mkdirMethod], visible);
      if (named) return byName(rm ?? named[0]!, mkdir ?? named[1] ?? mkdirMethod);
    }
  }
  const fs = existing ?? addedFsBindings.get(programPath(j, ctx.root)!.node) ?? addFsBinding(ctx, visible);
  if (wait) {
    const fsPromises = () => j.memberExpression(j.identifier(fs), j.identifier('promises'));
    return { rm: member(fsPromises, 'rm'), mkdir: member(fsPromises, 'mkdir'), await: true };
  }
  return { rm: member(() => j.identifier(fs), 'rmSync'), mkdir: member(() => j.identifier(fs), 'mkdirSync'), await: false };
}

/** Imports `methods` (null: not needed) by name from `fs` (`fs/promises` for `api`
 * 'promises', named as the module names builtins), extending an import or destructuring
 * require of that module when there is one; their local names, or null, changing nothing,
 * when one the module has already is not visible from the handler. */
function namedFsImports(ctx: TransformContext, api: 'fs' | 'promises', methods: (string | null)[], visible: (name: string) => boolean): (string | null)[] | null {
  const { j, root } = ctx;
  const source = api === 'promises' ? `${fsSpecifier(ctx)}/promises` : fsSpecifier(ctx);
  const program = programPath(j, root)!.node;
  const added = addedFsNames.get(program) ?? new Set<string>();
  const present = methods.map((method) => (method ? findNamedImport(j, root, source, method) : null));
  if (present.some((name) => name !== null && !visible(name) && !added.has(name))) return null;
  const names = methods.map((method, i) => present[i] ?? (method ? ensureNamedImport(j, root, ctx.moduleKind, source, method, ctx.style) : null));
  names.forEach((name, i) => name && !present[i] && added.add(name));
  addedFsNames.set(program, added);
  return names;
}

/** True when every name the expression uses is a module-level binding, visible from the
 * top of the handler as well (so the expression can be evaluated there). */
function namesOnlyModuleBindings(j: JSCodeshift, expression: any, handler: HandlerInfo): boolean {
  const names = j(expression).find(j.Identifier).filter(isReference).paths();
  if (expression.node.type === 'Identifier') names.push(expression);
  return names.every((p) => p.scope?.lookup(p.node.name)?.isGlobal && visibleFromHandler(handler, p.node.name));
}

/** A copy of a node without its source position, printed fresh in the file's style. */
function withoutLocation(node: any): any {
  if (Array.isArray(node)) return node.map(withoutLocation);
  if (!node || typeof node !== 'object') return node;
  const copy: any = {};
  for (const [key, value] of Object.entries(node)) {
    if (!['loc', 'start', 'end', 'range', 'original', 'tokens', 'comments', 'leadingComments', 'trailingComments', 'extra'].includes(key)) copy[key] = withoutLocation(value);
  }
  return copy;
}

/** Statements from source text with nodes spliced in, parsed as one piece so that recast
 * keeps each statement on its own line and short option objects on one line. */
function statementsFrom(j: JSCodeshift, parts: Array<string | object>): any[] {
  const strings: string[] = [''];
  const values: object[] = [];
  for (const part of parts) {
    if (typeof part === 'string') strings[strings.length - 1] += part;
    else {
      values.push(part);
      strings.push('');
    }
  }
  return j.template.statements(strings, ...values);
}

/** Paths the handler body already removes (or creates) in its own top-level statements:
 * an earlier run's preamble, or the author's own cleanup. */
function existingCleanup(ctx: TransformContext, handler: HandlerInfo): { removed: Set<string>; made: Set<string> } {
  const { j } = ctx;
  const bindings = findFsBindings(j, ctx.root);
  const paths = findPathBindings(j, ctx.root);
  const removed = new Set<string>();
  const made = new Set<string>();
  if (handler.fn.node.body.type !== 'BlockStatement') return { removed, made };
  handler.fn.get('body', 'body').each((stmt: any) => {
    if (stmt.node.type !== 'ExpressionStatement') return;
    let call = stmt.get('expression');
    if (call.node.type === 'AwaitExpression') call = call.get('argument');
    if (call.node.type !== 'CallExpression' || call.node.arguments.length === 0) return;
    const fsCall = fsCallOf(bindings, call);
    const value = fsCall && classifyTmpPath(evaluateString(j, call.get('arguments', 0), paths));
    if (!fsCall || value?.kind !== 'static') return;
    const method = fsCall.method.replace(/Sync$/, '');
    if (method === 'rm' || method === 'unlink' || method === 'rmdir') removed.add(value.path);
    if (method === 'mkdir') made.add(value.path);
  });
  return { removed, made };
}

function describe(removal: TmpRemoval, handlerName: string): string {
  if (!removal.remove) return `creates ${removal.path} again at the start of \`${handlerName}\` after its parent directory is removed`;
  if (!removal.directory) return `removes ${removal.path} at the start of \`${handlerName}\`: a file an earlier invocation wrote no longer survives into the next`;
  const what = removal.holdsDynamicNames ? 'files with per-invocation names pile up there' : 'what earlier invocations wrote there survives';
  return `removes ${removal.path} recursively${removal.recreate ? ' and creates it again' : ''} at the start of \`${handlerName}\`: otherwise ${what}`;
}

function cleanHandler(ctx: TransformContext, handler: HandlerInfo, reported: Set<string>, loadTime: ASTPath<any>[]): void {
  const { j } = ctx;
  const uses = findTmpPaths(j, ctx.root, { functions: reachableFunctions(j, ctx.root, handler.fn), loadTime });
  if (uses.length === 0) return;
  const plan = planTmpCleanup(uses);
  for (const kept of plan.kept) {
    const key = `${kept.kind}:${kept.use.line}:${kept.use.column}`;
    if (reported.has(key)) continue;
    reported.add(key);
    ctx.report.review({ kind: kept.kind, line: kept.use.line, column: kept.use.column, message: kept.message });
  }

  const existing = existingCleanup(ctx, handler);
  const pending = plan.removals.filter((r) => (r.remove ? !existing.removed.has(r.path) : !existing.made.has(r.path)));
  if (pending.length === 0) return;

  const constants = moduleTmpConstants(j, ctx.root);
  // Name a path the way the code does: its module constant, else the code's own static
  // expression (`${STATE_DIR}/last.json`) when the handler can see every name in it, else the literal.
  const pathNode = (removal: TmpRemoval) => {
    // the security bar: nothing but a static path strictly below /tmp is ever removed
    if (!isRemovableTmpPath(removal.path)) throw new Error(`refusing to generate a removal of ${removal.path}`);
    const name = constants.get(removal.path);
    if (name && visibleFromHandler(handler, name)) return j.identifier(name);
    const { use } = removal;
    const literal = use.expression.node.type === 'StringLiteral' || use.expression.node.type === 'Literal';
    if (!literal && use.value.kind === 'static' && use.value.path === removal.path && namesOnlyModuleBindings(j, use.expression, handler)) {
      return withoutLocation(use.expression.node);
    }
    return j.stringLiteral(removal.path);
  };
  const callees = fsCallees(ctx, handler, pending.some((r) => r.recreate));
  const prefix = callees.await ? 'await ' : '';
  const parts: Array<string | object> = [];
  for (const removal of pending) {
    if (removal.remove) {
      parts.push(prefix, callees.rm(), '(', pathNode(removal), removal.directory ? ', { recursive: true, force: true });\n' : ', { force: true });\n');
    }
    if (removal.recreate) parts.push(prefix, callees.mkdir(), '(', pathNode(removal), ', { recursive: true });\n');
    ctx.report.change({
      kind: removal.directory ? (removal.remove ? 'remove-directory' : 'recreate-directory') : 'remove-file',
      line: removal.use.line,
      column: removal.use.column,
      message: describe(removal, handler.name),
    });
  }
  const statements = statementsFrom(j, parts);
  statements[0].comments = [j.commentLine(PREAMBLE_COMMENT, true, false)];
  prependToHandler(j, handler, statements);
}

export const transform: Transform = {
  name: 'tmp',
  description: 'Remove what earlier invocations left in /tmp (static paths the handler writes; never a directory that also holds a file it only reads) at the start of each handler.',
  step(ctx) {
    // every way to a /tmp path spells `tmp` in the file (a literal, `os.tmpdir()`, a named
    // `tmpdir` import): a file without it has none, and its analysis is skipped
    if (!/tmp/i.test(ctx.source)) return;
    const reported = new Set<string>();
    // what functions called as the module loads write there is on disk on a cold start too
    const loadTime = ctx.handlers.length > 0 ? loadTimeUnits(ctx.j, ctx.root, ctx.handlers) : [];
    for (const handler of ctx.handlers) cleanHandler(ctx, handler, reported, loadTime);
  },
};

export default asJscodeshiftTransform(transform);
