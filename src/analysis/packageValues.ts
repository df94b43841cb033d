// Values made by package code: `new S3Client()`, `new Pool()`, `mysql.createPool()`,
// `DynamoDBDocumentClient.from(...)`, `createClient()`, `await mongoose.connect(...)`. Such a
// value is a resource (a client, a pool, a cache object) meant to be reused, not per-request
// state, and its methods (`redis.set()`) are not state changes of this module.
import type { ASTPath } from 'jscodeshift';
import { resolveScope } from './lexicalScope';
import { codeUnitOf } from './reach';

const WRAPPERS = new Set(['AwaitExpression', 'ParenthesizedExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion']);

/** `./db`, `../lib/x`, `/abs/path`: code of this project, not a package. */
export function isPackageSource(source: string): boolean {
  return !source.startsWith('.') && !source.startsWith('/');
}

/** The package a module-level name is imported from (`import { Pool } from 'pg'`,
 * `const { Pool } = require('pg')`, `const pg = require('pg')`, `import pg = require('pg')`),
 * or null. */
export function importedFrom(idPath: ASTPath<any>): string | null {
  const scope = resolveScope(idPath);
  if (!scope?.isGlobal) return null;
  for (const binding of (scope.getBindings()[idPath.node.name] ?? []) as ASTPath<any>[]) {
    for (let p: ASTPath<any> | null = binding.parent; p; p = p.parent) {
      const node = p.node;
      if (node.type === 'ImportDeclaration') return typeof node.source.value === 'string' && isPackageSource(node.source.value) ? node.source.value : null;
      // TypeScript's `import pg = require('pg')` (its name is declared by ./scopePatches)
      if (node.type === 'TSImportEqualsDeclaration') {
        const source = node.moduleReference?.type === 'TSExternalModuleReference' ? node.moduleReference.expression?.value : null;
        return typeof source === 'string' && isPackageSource(source) ? source : null;
      }
      if (node.type === 'VariableDeclarator') {
        let init = node.init;
        while (init && (init.type === 'MemberExpression' || WRAPPERS.has(init.type))) init = init.type === 'MemberExpression' ? init.object : init.expression ?? init.argument;
        const source = init?.type === 'CallExpression' && init.callee.type === 'Identifier' && init.callee.name === 'require' ? init.arguments[0]?.value : null;
        return typeof source === 'string' && isPackageSource(source) ? source : null;
      }
      if (node.type === 'Program') break;
    }
  }
  return null;
}

/** The package whose code creates the value of the expression at `path`, or null. Follows
 * `await`, chained calls (`new Redis().on(...)`, `mysql.createPool(o).promise()`) and
 * member access down to the name the chain starts from. */
export function packageCreating(path: ASTPath<any>, depth = 0): string | null {
  let current = path;
  while (current.value && WRAPPERS.has(current.node.type)) current = current.get(current.node.type === 'AwaitExpression' ? 'argument' : 'expression');
  const node = current.node;
  if (node.type !== 'NewExpression' && node.type !== 'CallExpression') return null;
  if (requiredSource(node) !== null) return null; // the module itself: an import
  let callee = current.get('callee');
  for (;;) {
    const type = callee.node.type;
    if (type === 'MemberExpression' || type === 'OptionalMemberExpression') callee = callee.get('object');
    else if (type === 'CallExpression' || type === 'NewExpression') {
      // new (require('ioredis'))(), require('pg').Pool
      const required = requiredSource(callee.node);
      if (required !== null) return isPackageSource(required) ? required : null;
      callee = callee.get('callee');
    } else if (WRAPPERS.has(type)) callee = callee.get(type === 'AwaitExpression' ? 'argument' : 'expression');
    else break;
  }
  if (callee.node.type !== 'Identifier') return null;
  return importedFrom(callee) ?? (depth < 3 && callee.node === node.callee ? factoryCreating(callee, depth + 1) : null);
}

/** `createDb()` where `createDb` is a module function returning a value made by package code
 * (`return new Redis(...)`, `const db = await mysql.createConnection(); ...; return db;`). */
function factoryCreating(calleePath: ASTPath<any>, depth: number): string | null {
  const unit = codeUnitOf(calleePath);
  const fn = unit?.node;
  if (!fn || !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(fn.type)) return null;
  if (fn.body.type !== 'BlockStatement') return packageCreating(unit!.get('body'), depth);
  const sources = new Set<string | null>();
  const visit = (path: ASTPath<any>) => {
    // the value, not `path.node`: for a comment (no node to ast-types) that is the node
    // around it, whose fields would be walked again and again
    const node = path.value;
    if (!node || typeof node !== 'object') return;
    if (path !== unit && ['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod'].includes(node.type)) return;
    if (node.type === 'ReturnStatement') {
      sources.add(node.argument ? valueCreating(path.get('argument'), depth) : null);
      return;
    }
    for (const key of Object.keys(node)) {
      if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments' || key === 'original') continue;
      const child = node[key];
      if (Array.isArray(child)) child.forEach((c, i) => c && typeof c.type === 'string' && visit(path.get(key, i)));
      else if (child && typeof child.type === 'string') visit(path.get(key));
    }
  };
  visit(unit!.get('body'));
  const [only] = [...sources];
  return sources.size === 1 ? only ?? null : null;
}

/** Like `packageCreating`, also through a local constant (`return db` after `const db = await mysql.createConnection()`). */
export function valueCreating(path: ASTPath<any>, depth = 0): string | null {
  if (path.node.type !== 'Identifier') return packageCreating(path, depth);
  const scope = resolveScope(path);
  for (const binding of (scope?.getBindings()[path.node.name] ?? []) as ASTPath<any>[]) {
    const declarator = binding.parent;
    if (declarator?.node.type === 'VariableDeclarator' && declarator.node.id === binding.node && declarator.node.init) return packageCreating(declarator.get('init'), depth);
  }
  return null;
}

function requiredSource(call: any): string | null {
  const isRequire = call.type === 'CallExpression' && call.callee.type === 'Identifier' && call.callee.name === 'require';
  return isRequire && typeof call.arguments[0]?.value === 'string' ? call.arguments[0].value : null;
}
