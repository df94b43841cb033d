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
// parsed, or whose export is not a function found there, gives no report.
import fs from 'node:fs';
import path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import { collectModuleBindings, classifyModuleBindings, type ModuleBinding } from './bindings';
import { findHandlers } from './handlers';
import { jscodeshiftFor, parserFor, syntaxChecker } from './parser';
import { hasResetAtTop } from './resetStatement';
import { propertyName } from './scope';

export interface ImportedState {
  /** The module's file, relative to the handler module's directory. */
  file: string;
  /** Module-level bindings there that the called function changes, with their lines. */
  state: { name: string; line: number }[];
}

/** Extensions tried, in Node's order for CommonJS and then TypeScript's, for a specifier
 * written without one (`require('./lib/audit')`). */
const EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.tsx', '.jsx'];
/** `./audit.js` in TypeScript source names `./audit.ts` (TypeScript's ES module resolution). */
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'] };

/** The file a relative specifier names from `fromFile`, as Node (or TypeScript, for `.js`
 * written for a `.ts` file) finds it; null when there is none. */
export function resolveLocalModule(fromFile: string, specifier: string): string | null {
  if (!specifier.startsWith('.') && !path.isAbsolute(specifier)) return null;
  const base = path.resolve(path.dirname(fromFile), specifier);
  const ext = path.extname(base);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...(TS_FOR_JS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e),
    ...EXTENSIONS.map((e) => path.join(base, 'index' + e)),
  ];
  for (const candidate of candidates) {
    try {
      if (fs.statSync(candidate).isFile() && parserFor(candidate)) return candidate;
    } catch {
      // not there: the next candidate
    }
  }
  return null;
}

/** Answers already worked out in this process, by file (with its size and time of change,
 * so an edited file is read again) and export name. */
const answers = new Map<string, ImportedState | null>();
const MAX_ANSWERS = 500;

/**
 * The module-level state of the module `specifier` (imported by `fromFile`) that a call of
 * its export `exportName` (a property path: `record`, `default`, `default.record`) changes;
 * null when it changes none, or when the module or the export cannot be analysed.
 */
export function stateChangedThroughImport(fromFile: string, specifier: string, exportName: string): ImportedState | null {
  const file = resolveLocalModule(fromFile, specifier);
  if (!file || path.resolve(file) === path.resolve(fromFile)) return null;
  let treeKey: string;
  try {
    const stat = fs.statSync(file);
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
  return answer === null ? null : { ...answer, file: displayFile(fromFile, file) };
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

function analyse(file: string, treeKey: string, exportName: string): ImportedState | null {
  const parser = parserFor(file);
  if (!parser) return null;
  try {
    const j = jscodeshiftFor(parser);
    const root = j(treeOf(file, treeKey) as any);
    const functions = findHandlers(j, root, { names: [exportName] });
    if (functions.length === 0) return null;
    const bindings = collectModuleBindings(j, root, functions);
    const classes = classifyModuleBindings(j, root, bindings);
    const state = bindings
      .filter((b) => {
        const c = classes.get(b);
        // changed by the called function or code it reaches, not only by other code there
        const changed = c?.kind === 'state' && c.mutations.some((m) => m.place.at === 'function' && m.place.reachedBy.length > 0);
        return changed && !b.ignored && !functions.every((fn) => hasResetAtTop(fn, b.name));
      })
      .map((b) => ({ name: b.name, line: (b.declarator ?? b.statement).node.loc?.start.line ?? 0 }));
    return state.length > 0 ? { file, state } : null;
  } catch {
    // a module this analysis cannot read is not reported on, as before
    return null;
  }
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
