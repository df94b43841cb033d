// Recognising the module-level clients of a handler module: which binding holds a client of
// which library (src/config/clientFamilies.ts), whether it is created when the module loads
// (eager) or on first use behind a guard (lazy), how it gets connected, and what an earlier
// run of the `clients` transform already generated. The `globals` transform asks the same
// question (`clientOwnedBindings`) so that it leaves these bindings to `clients`.
import { builtinModules } from 'node:module';
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import { findClientFamily, isConnectionless, type ClientFamily } from '../config/clientFamilies';
import { findIn } from './fastFind';
import { identifierNames } from './imports';
import { isInside, isReference, programPath } from './scope';

/** The WeakSet the generated listeners record lost connections in. */
export const LOST_CONNECTIONS = 'lostConnections';

const TS_WRAPPERS = new Set(['TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion', 'ParenthesizedExpression']);
const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod']);

export interface Construction {
  source: string;
  form: 'new' | 'call';
  /** Export path from the module (`[]` module itself, `['Client']`). */
  path: string[];
  /** The construction was awaited (`await mysql.createConnection(...)`). */
  awaited: boolean;
  /** The construction expression itself, without `await`. */
  node: any;
  /** The construction with the listeners chained onto it (`createClient().on('error', f)`),
   * without a chained `connect()`: what a factory returns. `node` when nothing is chained. */
  made: any;
  /** The events the chained listeners listen for. */
  chainedEvents: string[];
  /** The chain ends in an awaited `connect()` (`await createClient().on(...).connect()`);
   * `awaited` then says whether making the client itself needs `await`. */
  connected: boolean;
}

export interface ClientBinding {
  name: string;
  family: ClientFamily;
  construction: Construction;
  /** `eager`: created by the module-level declaration; `lazy`: `let x;` assigned behind a guard. */
  mode: 'eager' | 'lazy';
  /** The module-level VariableDeclarator path. */
  declarator: ASTPath<any>;
  /** The module-level statement holding the declaration. */
  statement: ASTPath<any>;
  /** Eager: the name of the factory a previous run created (`createClient`), when the
   * initializer already calls one. */
  factory: string | null;
  /** Lazy: the assignments `x = <construction>` with the statement guarding each one. */
  lazySites: { assignment: ASTPath<any>; guard: ASTPath<any> }[];
  /** A module-level `x.connect()` (eager clients connected when the module loads). */
  connectedAtLoad: boolean;
  /** A `let connected = false` flag guarding `x.connect()` (lazy connect). */
  connectFlag: string | null;
  /** The value of `let x = null` / `let x;` for lazy bindings: what "not created" is. */
  emptyValue: 'null' | 'undefined';
}

export interface UnknownClient {
  name: string;
  source: string;
  declarator: ASTPath<any>;
}

export interface ClientScan {
  clients: ClientBinding[];
  unknown: UnknownClient[];
}

function unwrap(node: any): any {
  let current = node;
  while (current && TS_WRAPPERS.has(current.type)) current = current.expression;
  return current;
}

function requireSource(node: any): string | null {
  const call = unwrap(node);
  if (call?.type !== 'CallExpression' || call.callee.type !== 'Identifier' || call.callee.name !== 'require') return null;
  const arg = call.arguments[0];
  return arg && (arg.type === 'StringLiteral' || arg.type === 'Literal') && typeof arg.value === 'string' ? arg.value : null;
}

function propertyName(member: any): string | null {
  if (member.computed) return member.property.type === 'StringLiteral' ? member.property.value : null;
  return member.property.type === 'Identifier' ? member.property.name : null;
}

/** Where a module-level name comes from when it is imported or required. */
export function importOrigin(j: JSCodeshift, root: Collection<any>, name: string): { source: string; path: string[] } | null {
  const body: any[] = programPath(j, root)!.node.body;
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration' && stmt.importKind !== 'type') {
      for (const s of stmt.specifiers ?? []) {
        if (s.local.name !== name) continue;
        const source = String(stmt.source.value);
        if (s.type === 'ImportSpecifier') return { source, path: [s.imported.name ?? s.imported.value] };
        return { source, path: [] };
      }
    }
    if (stmt.type === 'TSImportEqualsDeclaration' && stmt.id.name === name && stmt.moduleReference.type === 'TSExternalModuleReference') {
      return { source: String(stmt.moduleReference.expression.value), path: [] };
    }
    const declaration = stmt.type === 'ExportNamedDeclaration' ? stmt.declaration : stmt;
    if (declaration?.type !== 'VariableDeclaration') continue;
    for (const d of declaration.declarations) {
      let init = unwrap(d.init);
      const tail: string[] = [];
      while (init?.type === 'MemberExpression' && propertyName(init) !== null) {
        tail.unshift(propertyName(init)!);
        init = unwrap(init.object);
      }
      const source = requireSource(init);
      if (!source) continue;
      if (d.id.type === 'Identifier' && d.id.name === name) return { source, path: tail };
      if (d.id.type === 'ObjectPattern') {
        for (const p of d.id.properties) {
          if ((p.type === 'ObjectProperty' || p.type === 'Property') && p.value.type === 'Identifier' && p.value.name === name) {
            const key = p.key.type === 'Identifier' ? p.key.name : p.key.value;
            return { source, path: [...tail, key] };
          }
        }
      }
    }
  }
  return null;
}

/** True when `node` holds an `await` that is not inside a function of its own. */
export function awaitsOutsideFunctions(node: any): boolean {
  if (!node || typeof node !== 'object') return false;
  if (node.type === 'AwaitExpression') return true;
  if (/Function|ClassMethod|ObjectMethod/.test(node.type ?? '')) return false;
  for (const key of Object.keys(node)) {
    if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'original' || key === 'tokens') continue;
    const value = node[key];
    if (Array.isArray(value) ? value.some(awaitsOutsideFunctions) : value?.type && awaitsOutsideFunctions(value)) return true;
  }
  return false;
}

// EventEmitter's `on`, `once` and `addListener` return the emitter itself
const LISTENER_METHODS = new Set(['on', 'once', 'addListener']);

/** `<made>.<method>(...)` where `<made>` is itself a call or `new`: the object the method is
 * chained onto, or null. `mongoose.connect(uri)` is a call of its own, not a chained one. */
function chainedOnto(node: any, methods: Set<string>): any | null {
  if (node?.type !== 'CallExpression') return null;
  const callee = unwrap(node.callee);
  if (callee?.type !== 'MemberExpression' || !methods.has(propertyName(callee) ?? '')) return null;
  const object = unwrap(callee.object);
  return object?.type === 'CallExpression' || object?.type === 'NewExpression' ? object : null;
}

/** `await <made>.connect()`: `<made>`, or null. */
function connectedOnto(awaited: any): any | null {
  const call = unwrap(awaited);
  return call?.type === 'CallExpression' && call.arguments.length === 0 ? chainedOnto(call, new Set(['connect'])) : null;
}

function eventName(argument: any): string | null {
  return argument && (argument.type === 'StringLiteral' || argument.type === 'Literal') && typeof argument.value === 'string' ? argument.value : null;
}

/** `new pg.Client(...)`, `await mysql.createConnection(...)`, `DynamoDBDocumentClient.from(c)`,
 * `await createClient().on('error', f).connect()`: the import it is made from, or null when it
 * is not made from an import. */
export function constructionOf(j: JSCodeshift, root: Collection<any>, expression: any): Construction | null {
  let node = unwrap(expression);
  let awaited = false;
  let connected = false;
  if (node?.type === 'AwaitExpression') {
    awaited = true;
    node = unwrap(node.argument);
    const onto = connectedOnto(node);
    if (onto) {
      // the await is the connection's: the client itself is made without one (whether
      // connect() resolves to the client is the family's to say, see familyOf)
      connected = true;
      awaited = false;
      node = onto;
    }
  }
  const made = node;
  const chainedEvents: string[] = [];
  for (let onto = chainedOnto(node, LISTENER_METHODS); onto; onto = chainedOnto(node, LISTENER_METHODS)) {
    const event = eventName(node.arguments[0]);
    if (event) chainedEvents.unshift(event);
    node = onto;
  }
  if (!node || (node.type !== 'NewExpression' && node.type !== 'CallExpression')) return null;
  // `new Redis(await getUrl())`: making it again takes an async factory too
  if (!awaited && awaitsOutsideFunctions(made)) awaited = true;
  const form = node.type === 'NewExpression' ? 'new' : 'call';
  let callee = unwrap(node.callee);
  const path: string[] = [];
  while (callee?.type === 'MemberExpression' && propertyName(callee) !== null) {
    path.unshift(propertyName(callee)!);
    callee = unwrap(callee.object);
  }
  const chain = { made, chainedEvents, connected };
  const required = requireSource(callee);
  if (required) return { source: required, form, path, awaited, node, ...chain };
  if (callee?.type !== 'Identifier') return null;
  const origin = importOrigin(j, root, callee.name);
  if (!origin) return null;
  return { source: origin.source, form, path: [...origin.path, ...path], awaited, node, ...chain };
}

/** The family of a construction. An awaited `connect()` at the end of the chain holds the
 * client only where the library's `connect()` resolves to it (pg's resolves to nothing). */
function familyOf(construction: Construction): ClientFamily | null {
  const family = findClientFamily(construction.source, construction.form, construction.path);
  return family && (!construction.connected || family.connectResolvesToClient) ? family : null;
}

function isPackageSource(source: string): boolean {
  if (source.startsWith('.') || source.startsWith('/') || source.startsWith('node:')) return false;
  return !builtinModules.includes(source.split('/')[0]);
}

/** The construction a module-level factory function returns: `function createX() { return
 * new X() }` or `{ const x = new X(); x.on(...); return x; }` (what this transform writes). */
export function factoryConstruction(j: JSCodeshift, root: Collection<any>, name: string): Construction | null {
  const program = programPath(j, root);
  const bindings = program?.scope?.getBindings()[name];
  const parent = bindings?.[bindings.length - 1]?.parent?.node;
  if (parent?.type !== 'FunctionDeclaration' || parent.body.type !== 'BlockStatement') return null;
  const statements: any[] = parent.body.body;
  const last = statements[statements.length - 1];
  if (last?.type !== 'ReturnStatement' || !last.argument) return null;
  const returned = unwrap(last.argument);
  if (returned.type !== 'Identifier') return constructionOf(j, root, returned);
  const first = statements[0];
  const declarator = first?.type === 'VariableDeclaration' ? first.declarations[0] : null;
  if (declarator?.id.type !== 'Identifier' || declarator.id.name !== returned.name) return null;
  return constructionOf(j, root, declarator.init);
}

/** `createX()`, `await createX()` or `await createX().connect()` calling a module-level
 * factory; its name, or null. */
function factoryCall(j: JSCodeshift, root: Collection<any>, expression: any): { name: string; construction: Construction } | null {
  let node = unwrap(expression);
  let connected = false;
  if (node?.type === 'AwaitExpression') {
    node = unwrap(node.argument);
    const onto = connectedOnto(node);
    if (onto) {
      connected = true;
      node = onto;
    }
  }
  if (node?.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.arguments.length > 0) return null;
  const construction = factoryConstruction(j, root, node.callee.name);
  return construction ? { name: node.callee.name, construction: { ...construction, connected } } : null;
}

function isEmptyInit(init: any): 'null' | 'undefined' | false {
  if (!init) return 'undefined';
  const node = unwrap(init);
  if (node.type === 'NullLiteral' || (node.type === 'Literal' && node.value === null)) return 'null';
  if (node.type === 'Identifier' && node.name === 'undefined') return 'undefined';
  return false;
}

function calls(j: JSCodeshift, scope: ASTPath<any> | any, object: string, method: string): boolean {
  return findIn(j, scope, 'CallExpression', { callee: { type: 'MemberExpression', object: { type: 'Identifier', name: object }, property: { name: method } } }).length > 0;
}

function insideFunction(path: ASTPath<any>): boolean {
  for (let p = path.parent; p; p = p.parent) if (FUNCTION_TYPES.has(p.node.type)) return true;
  return false;
}

/** A module-level `name.connect()` outside any function. */
function connectsAtLoad(j: JSCodeshift, root: Collection<any>, name: string): boolean {
  return findIn(j, root, 'CallExpression', { callee: { type: 'MemberExpression', object: { type: 'Identifier', name }, property: { name: 'connect' } } }).some((p) => !insideFunction(p));
}

/** `let connected = false` with `if (!connected) { await client.connect(); connected = true; }`. */
function connectFlagFor(j: JSCodeshift, root: Collection<any>, name: string, flags: Set<string>): string | null {
  let found: string | null = null;
  findIn(j, root, 'IfStatement').forEach((p) => {
    const test = unwrap(p.node.test);
    if (found || test.type !== 'UnaryExpression' || test.operator !== '!' || test.argument.type !== 'Identifier') return;
    const flag = test.argument.name;
    if (!flags.has(flag) || !calls(j, p.get('consequent'), name, 'connect')) return;
    const setsFlag = findIn(j, p.get('consequent'), 'AssignmentExpression', { left: { type: 'Identifier', name: flag } }).length > 0;
    if (setsFlag) found = flag;
  });
  return found;
}

/** The statement that guards a lazy assignment: `if (!x) ...`, `if (x == null) ...`, or the
 * `x ??= ...` / `x ||= ...` statement itself. */
function guardOf(assignment: ASTPath<any>, name: string): ASTPath<any> | null {
  if (assignment.node.operator === '??=' || assignment.node.operator === '||=') {
    return assignment.parent?.node.type === 'ExpressionStatement' ? assignment.parent : null;
  }
  for (let p = assignment.parent; p && !FUNCTION_TYPES.has(p.node.type); p = p.parent) {
    if (p.node.type !== 'IfStatement') continue;
    const test = unwrap(p.node.test);
    const negated = test.type === 'UnaryExpression' && test.operator === '!' && test.argument.type === 'Identifier' && test.argument.name === name;
    const comparedToEmpty =
      test.type === 'BinaryExpression' &&
      ['==', '==='].includes(test.operator) &&
      test.left.type === 'Identifier' &&
      test.left.name === name &&
      (isEmptyInit(test.right) !== false);
    if (negated || comparedToEmpty) return p;
  }
  return earlyReturnGuardOf(assignment, name);
}

/** `if (conn) return conn;` (or `conn !== null`, `conn != undefined`) earlier in the block of
 * the statement `conn = <construction>;`: the client is created only when that guard lets
 * the function go on. The check goes in front of that guard, so an unusable client is
 * dropped before it is returned. */
function earlyReturnGuardOf(assignment: ASTPath<any>, name: string): ASTPath<any> | null {
  const statement = assignment.parent;
  if (statement?.node.type !== 'ExpressionStatement') return null;
  const block = statement.parent;
  if (block?.node.type !== 'BlockStatement') return null;
  const body: any[] = block.node.body;
  const index = body.indexOf(statement.node);
  for (let i = index - 1; i >= 0; i--) {
    const earlier = body[i];
    if (earlier.type === 'IfStatement' && !earlier.alternate && presenceTest(unwrap(earlier.test), name) && endsInReturn(earlier.consequent)) return block.get('body', i);
  }
  return null;
}

/** `conn`, `conn !== null`, `conn != null`, `conn !== undefined`: true once it is made. */
function presenceTest(test: any, name: string): boolean {
  if (test.type === 'Identifier') return test.name === name;
  return test.type === 'BinaryExpression' && ['!=', '!=='].includes(test.operator) && test.left.type === 'Identifier' && test.left.name === name && isEmptyInit(test.right) !== false;
}

function endsInReturn(node: any): boolean {
  const last = node.type === 'BlockStatement' ? node.body[node.body.length - 1] : node;
  return last?.type === 'ReturnStatement';
}

/** Every module-level client binding, plus `new X()` of packages no family describes. */
export function scanClients(j: JSCodeshift, root: Collection<any>): ClientScan {
  const scan: ClientScan = { clients: [], unknown: [] };
  const program = programPath(j, root);
  if (!program) return scan;

  const falseFlags = new Set<string>();
  const declarators: { declarator: ASTPath<any>; statement: ASTPath<any>; kind: string }[] = [];
  program.get('body').each((statement: ASTPath<any>) => {
    const declaration = statement.node.type === 'ExportNamedDeclaration' ? statement.get('declaration') : statement;
    if (declaration.value?.type !== 'VariableDeclaration') return;
    declaration.get('declarations').each((declarator: ASTPath<any>) => {
      if (declarator.node.id.type !== 'Identifier') return;
      const init = unwrap(declarator.node.init);
      if (declaration.node.kind === 'let' && init && (init.type === 'BooleanLiteral' || init.type === 'Literal') && init.value === false) {
        falseFlags.add(declarator.node.id.name);
      }
      declarators.push({ declarator, statement, kind: declaration.node.kind });
    });
  });

  for (const { declarator, statement, kind } of declarators) {
    const name: string = declarator.node.id.name;
    const base = { name, declarator, statement, lazySites: [], connectFlag: null, emptyValue: 'undefined' as const };
    const direct = constructionOf(j, root, declarator.node.init);
    const previous = direct ? null : factoryCall(j, root, declarator.node.init);
    const construction = direct ?? previous?.construction ?? null;
    if (construction) {
      const family = familyOf(construction);
      if (family) {
        scan.clients.push({
          ...base,
          family,
          construction,
          mode: 'eager',
          factory: previous?.name ?? null,
          connectedAtLoad: construction.connected || connectsAtLoad(j, root, name),
          connectFlag: connectFlagFor(j, root, name, falseFlags),
        });
        // `await new pg.Client().connect()` holds no client, and 'pg' is no unknown package
      } else if (direct && !direct.connected && construction.form === 'new' && isPackageSource(construction.source) && !isConnectionless(construction.source)) {
        scan.unknown.push({ name, source: construction.source, declarator });
      }
      continue;
    }

    const empty = isEmptyInit(declarator.node.init);
    if (kind === 'const' || empty === false) continue;
    const sites: ClientBinding['lazySites'] = [];
    let lazyConstruction: Construction | null = null;
    let lazyFamily: ClientFamily | null = null;
    let factory: string | null = null;
    findIn(j, root, 'AssignmentExpression', { left: { type: 'Identifier', name } }).forEach((assignment) => {
      if (!insideFunction(assignment)) return;
      const made = constructionOf(j, root, assignment.node.right);
      const viaFactory = made ? null : factoryCall(j, root, assignment.node.right);
      const c = made ?? viaFactory?.construction;
      const family = c ? familyOf(c) : null;
      const guard = family ? guardOf(assignment, name) : null;
      if (!c || !family || !guard) return;
      if (lazyFamily && lazyFamily !== family) return;
      lazyFamily = family;
      lazyConstruction = c;
      factory = viaFactory?.name ?? factory;
      sites.push({ assignment, guard });
    });
    if (lazyFamily && lazyConstruction) {
      scan.clients.push({
        ...base,
        family: lazyFamily,
        construction: lazyConstruction,
        mode: 'lazy',
        factory,
        lazySites: sites,
        connectedAtLoad: false,
        connectFlag: connectFlagFor(j, root, name, falseFlags),
        emptyValue: empty,
      });
    }
  }
  return scan;
}

/** Module-level names the `clients` transform owns: the clients, their connection flags,
 * the factories it wrote and the set of lost connections. `globals` leaves them alone. */
export function clientOwnedBindings(j: JSCodeshift, root: Collection<any>): Set<string> {
  const owned = new Set<string>();
  for (const client of scanClients(j, root).clients) {
    owned.add(client.name);
    if (client.connectFlag) owned.add(client.connectFlag);
    if (client.factory) owned.add(client.factory);
  }
  if (lostConnectionsDeclared(j, root)) owned.add(LOST_CONNECTIONS);
  return owned;
}

/** True when the module already declares `const lostConnections = new WeakSet()`. */
export function lostConnectionsDeclared(j: JSCodeshift, root: Collection<any>): boolean {
  // most modules never mention the name: a plain walk says so faster than a search
  if (!identifierNames(j, root).has(LOST_CONNECTIONS)) return false;
  return findIn(j, root, 'VariableDeclarator', { id: { type: 'Identifier', name: LOST_CONNECTIONS }, init: { type: 'NewExpression', callee: { name: 'WeakSet' } } }).some((p) => !insideFunction(p));
}

/** True when every identifier `expression` reads resolves outside the function it sits in
 * (module bindings and globals), so it can move into a module-level factory. */
export function readsOnlyModuleScope(j: JSCodeshift, expressionPath: ASTPath<any>): boolean {
  let local = false;
  j(expressionPath)
    .find(j.Identifier)
    .forEach((p) => {
      if (local || !isReference(p)) return;
      const scope = p.scope?.lookup(p.node.name);
      // a parameter of a callback inside the expression moves along with it
      if (scope && !scope.isGlobal && !isInside(scope.path, expressionPath)) local = true;
    });
  return !local;
}
