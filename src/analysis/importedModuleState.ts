// State kept by one of the project's own modules that a handler reaches by calling the
// module's functions (`import { record } from './lib/audit.mjs'`, then `record(event.id)`,
// where audit.mjs does `entries.push(x)` on a module-level array). Such state survives into
// the next invocation like the handler module's own, but it lives in another file: the
// transforms change handler modules only, so it is reported where the handler calls it.
//
// The other module is read from disk next to the handler module and analysed with the same
// machinery the globals transform uses on a handler module, with the called function in the
// handler's place: what it (and the module functions it calls) changes at module level, and
// the globals transform would migrate in a handler module, is the state reported (not what
// the function itself sets afresh first thing: `entries = [];`). Only that
// one module is read (not the modules it imports in turn); a module that cannot be found or
// parsed, or whose export is not a function found there, gives no report; so does a module
// named by an absolute path (other than a Lambda layer's `/opt/...`), a package of
// node_modules, or one over MAX_MODULE_BYTES. With the layers of the handler's function
// (from the manifests), `/opt/nodejs/x.js` and a package that only a layer's
// nodejs/node_modules holds (and the layer's package.json does not list from a registry)
// are read from the layer's folder of the project. A module
// named by a tsconfig `paths` alias (`@shared/metrics`) or by the name of a workspace package
// linked into node_modules (`@acme/shared`) is found as the build finds it (./moduleResolution.ts).
import fs from 'node:fs';
import path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import { collectModuleBindings, classifyModuleBindings, type ModuleBinding } from './bindings';
import { findHandlers } from './handlers';
import { detectModuleKind } from './imports';
import { resolveProjectModule, type LambdaLayers } from './moduleResolution';
import { jscodeshiftFor, parserFor, syntaxChecker } from './parser';
import { hasResetAtTop } from './resetStatement';
import { propertyName } from './scope';

export interface ImportedState {
  /** The module's file, relative to the handler module's directory. */
  file: string;
  /** Module-level bindings there that the called function changes, with their lines;
   * `clears`: every change it makes empties the binding (`list.length = 0`, `cache.clear()`,
   * `list = []`): a reset the handler calls, not state it builds up. */
  state: { name: string; line: number; clears: boolean }[];
}

/** The project file `specifier` names from `fromFile` (a relative path, a tsconfig `paths`
 * alias, a workspace package linked into node_modules: see ./moduleResolution.ts) that a parser
 * here reads; null when there is none. */
export function resolveLocalModule(fromFile: string, specifier: string, layers?: LambdaLayers): string | null {
  return resolveProjectModule(fromFile, specifier, { accept: (file) => parserFor(file) !== undefined, layers });
}

/** Modules larger than this are not read. */
export const MAX_MODULE_BYTES = 256 * 1024;

/** Answers already worked out in this process, by file (with its size and time of change,
 * so an edited file is read again) and export name. */
/** What analysing one export gave: whether it is a function of the module, and the state it
 * changes; null when the module could not be analysed. */
type Answer = { isFunction: boolean; state: ImportedState['state'] } | null;

const answers = new Map<string, Answer>();
const MAX_ANSWERS = 500;

/**
 * The module-level state of the module `specifier` (imported by `fromFile`) that a call of
 * its export `exportName` (a property path: `record`, `default`, `default.record`) changes;
 * null when it changes none, or when the module or the export cannot be analysed.
 */
export function stateChangedThroughImport(fromFile: string, specifier: string, exportName: string, layers?: LambdaLayers): ImportedState | null {
  const found = answerFor(fromFile, specifier, exportName, layers);
  return found && found.answer?.state.length ? { file: displayFile(fromFile, found.file), state: found.answer.state } : null;
}

/** The export `exportName` of the project module `specifier` is a function found there (so
 * `audit.add(x)` calls it: no `Set` or `Map` of that module is being added to). */
export function exportIsFunction(fromFile: string, specifier: string, exportName: string, layers?: LambdaLayers): boolean {
  return answerFor(fromFile, specifier, exportName, layers)?.answer?.isFunction === true;
}

function answerFor(fromFile: string, specifier: string, exportName: string, layers?: LambdaLayers): { file: string; answer: Answer } | null {
  const file = resolveLocalModule(fromFile, specifier, layers);
  if (!file || path.resolve(file) === path.resolve(fromFile)) return null;
  let treeKey: string;
  try {
    const stat = fs.statSync(file);
    // a bundle or generated code, seldom where a helper keeps state: not read (its parse
    // would cost more than the rest of the handler module's migration)
    if (stat.size > MAX_MODULE_BYTES) return null;
    treeKey = `${file}\0${stat.size}\0${stat.mtimeMs}`;
  } catch {
    return null;
  }
  const key = `${treeKey}\0${exportName}`;
  let answer = answers.get(key);
  if (answer === undefined) {
    answer = analyse(file, treeKey, exportName);
    if (answers.size >= MAX_ANSWERS) answers.clear();
    answers.set(key, answer);
  }
  return { file, answer };
}

function displayFile(fromFile: string, file: string): string {
  return path.relative(path.dirname(fromFile), file).split(path.sep).join('/');
}

/** Parsed modules, by the same key without the export name: a module whose functions many
 * handler modules call is parsed once. The most recently used few are kept. */
const trees = new Map<string, unknown>();
const MAX_TREES = 32;

/** The parser's own tree of `file` (no tokens: nothing here is printed). */
function treeOf(file: string, key: string): unknown {
  let tree = trees.get(key);
  if (tree === undefined) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/^#!/, '//');
    tree = syntaxChecker(parserFor(file)!).parse(text);
    if (trees.size >= MAX_TREES) trees.delete(trees.keys().next().value!);
  } else {
    trees.delete(key);
  }
  trees.set(key, tree);
  return tree;
}

function analyse(file: string, treeKey: string, exportName: string): Answer {
  const parser = parserFor(file);
  if (!parser) return null;
  try {
    const j = jscodeshiftFor(parser);
    const root = j(treeOf(file, treeKey) as any);
    // an ES module's default import of a CommonJS module is its `module.exports`
    // (`import audit from './audit.js'`, then `audit.record(x)`: `record` there)
    const name = exportName.startsWith('default.') && detectModuleKind(j, root) === 'commonjs' ? exportName.slice('default.'.length) : exportName;
    const functions = findHandlers(j, root, { names: [name] });
    if (functions.length === 0) return { isFunction: false, state: [] };
    const bindings = collectModuleBindings(j, root, functions);
    const classes = classifyModuleBindings(j, root, bindings);
    const state: ImportedState['state'] = [];
    for (const b of bindings) {
      const c = classes.get(b);
      if (c?.kind !== 'state' || b.ignored) continue;
      // changed by the called function or code it reaches, not only by other code there
      const reached = c.mutations.filter((m) => m.place.at === 'function' && m.place.reachedBy.length > 0);
      if (reached.length === 0) continue;
      // (a function that sets it afresh first thing, `list = [];`, empties it too)
      const clears = functions.every((fn) => hasResetAtTop(fn, b.name)) || reached.every((m) => empties(m.path));
      state.push({ name: b.name, line: (b.declarator ?? b.statement).node.loc?.start.line ?? 0, clears });
    }
    return { isFunction: true, state };
  } catch {
    // a module this analysis cannot read is not reported on, as before
    return null;
  }
}

const FRESH_CONSTRUCTORS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet', 'Array', 'Object']);

/** The reference `ref` of a binding empties it: `x.length = 0`, `x.clear()`, `x.splice(0)`,
 * `x = []`, `x = {}`, `x = new Map()`. */
function empties(ref: ASTPath<any>): boolean {
  const parent = ref.parent?.node;
  if (parent?.type === 'AssignmentExpression' && parent.left === ref.node && parent.operator === '=') {
    const value = parent.right;
    if (value.type === 'ArrayExpression' || value.type === 'ObjectExpression') return (value.elements ?? value.properties).length === 0;
    return value.type === 'NewExpression' && value.callee.type === 'Identifier' && FRESH_CONSTRUCTORS.has(value.callee.name) && value.arguments.length === 0;
  }
  if (!MEMBERS.has(parent?.type) || parent.object !== ref.node) return false;
  const name = propertyName(parent);
  const outer = ref.parent.parent?.node;
  if (name === 'length' && outer?.type === 'AssignmentExpression' && outer.left === parent && outer.operator === '=') {
    return (outer.right.type === 'NumericLiteral' || outer.right.type === 'Literal') && outer.right.value === 0;
  }
  if (CALLS.has(outer?.type) && outer.callee === parent) {
    if (name === 'clear') return outer.arguments.length === 0;
    if (name === 'splice') return outer.arguments.length === 1 && (outer.arguments[0].type === 'NumericLiteral' || outer.arguments[0].type === 'Literal') && outer.arguments[0].value === 0;
  }
  return false;
}

/**
 * The export of a project module that the reference `ref` of the import binding `binding`
 * calls, as a property path of the module (`record` for `record(x)` after
 * `import { record } from './audit'` or `const { record } = require('./audit')`;
 * `record` for `audit.record(x)` after `import * as audit`, `const audit = require('./audit')`;
 * `default.record` after `import audit from './audit.mjs'`; `default` for a call of what
 * `require('./audit')` or a default import is itself); null when the reference is no call.
 */
export function exportCalledAt(binding: ModuleBinding, ref: ASTPath<any>): string | null {
  const base = importPathOf(binding);
  if (base === null) return null;
  const parent = ref.parent?.node;
  let tail: string[];
  if (CALLS.has(parent?.type) && parent.callee === ref.node) tail = [];
  else if (MEMBERS.has(parent?.type) && parent.object === ref.node && CALLS.has(ref.parent.parent?.node.type) && ref.parent.parent.node.callee === parent) {
    const name = propertyName(parent);
    if (name === null) return null;
    tail = [name];
  } else return null;
  const parts = [...base, ...tail];
  return parts.length === 0 ? 'default' : parts.join('.');
}

const CALLS = new Set(['CallExpression', 'OptionalCallExpression']);
const MEMBERS = new Set(['MemberExpression', 'OptionalMemberExpression']);

/** Where the binding's value sits in the module it comes from: `['record']` for a named
 * import or a destructured require, `['default']` for a default import, `[]` for the module
 * itself (a namespace import, `require('./x')`), the properties read after a require
 * (`require('./x').audit` is `['audit']`); null when it is not read that way. */
function importPathOf(binding: ModuleBinding): string[] | null {
  const statement = binding.statement.node;
  if (statement.type === 'ImportDeclaration') {
    const specifier = (statement.specifiers ?? []).find((s: any) => s.local?.name === binding.name);
    if (!specifier) return null;
    if (specifier.type === 'ImportDefaultSpecifier') return ['default'];
    if (specifier.type === 'ImportNamespaceSpecifier') return [];
    const imported = specifier.imported?.name ?? specifier.imported?.value;
    return typeof imported === 'string' ? [imported] : null;
  }
  const declarator = binding.declarator?.node;
  if (!declarator) return null;
  const tail: string[] = [];
  let init = declarator.init;
  while (init?.type === 'AwaitExpression' || MEMBERS.has(init?.type)) {
    if (init.type === 'AwaitExpression') {
      init = init.argument;
      continue;
    }
    const name = propertyName(init);
    if (name === null) return null;
    tail.unshift(name);
    init = init.object;
  }
  if (!(init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require')) return null;
  if (declarator.id.type === 'Identifier') return tail;
  if (declarator.id.type !== 'ObjectPattern') return null;
  for (const property of declarator.id.properties) {
    if ((property.type === 'ObjectProperty' || property.type === 'Property') && property.value?.type === 'Identifier' && property.value.name === binding.name && !property.computed) {
      const key = property.key.type === 'Identifier' ? property.key.name : property.key.value;
      return typeof key === 'string' ? [...tail, key] : null;
    }
  }
  return null;
}
