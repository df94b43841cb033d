// State that a module keeps where the binding analysis does not see a change of the binding
// itself, yet survives from one invocation to the next:
//   class RateLimiter { static hits = []; static record(ip) { RateLimiter.hits.push(ip); } }
//   const nextId = makeCounter();       // function makeCounter() { let n = 0; return () => ++n; }
//   const repo = new Repo(pool);        // class Repo { remember(id) { this.seen.push(id); } }
// None of these can be reset safely without knowing what the code means, so `globals`
// keeps them and says why a person should look.
import type { ASTPath, JSCodeshift } from 'jscodeshift';
import type { ModuleBinding } from './bindings';
import type { HandlerInfo } from './types';
import { resolveScope } from './lexicalScope';
import { isMutation, referenceEffect } from './mutation';
import { importedFrom } from './packageValues';
import { codeUnitOf } from './reach';
import { isReference } from './scope';
import { sourceExcerpt } from './sourceExcerpt';

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
const MEMBER = new Set(['MemberExpression', 'OptionalMemberExpression']);

/** The statement a mutation sits in, shortened: `RateLimiter.hits.push(ip)`. */
function mutationText(path: ASTPath<any>): string {
  let top = path;
  while (top.parent && !/Statement$|Declaration$|^VariableDeclarator$/.test(top.parent.node.type) && !FUNCTION_TYPES.has(top.parent.node.type)) top = top.parent;
  return `\`${sourceExcerpt(top.node)}\`, line ${path.node.loc?.start.line}`;
}

/** `this.x = v`, `this.items.push(v)` inside `fn` (not inside functions nested in it, whose
 * `this` differs). An arrow function that is `fn` itself (a class field's value) owns the
 * `this` it sees: the instance. */
function thisMutationsIn(j: JSCodeshift, fn: ASTPath<any>): ASTPath<any>[] {
  return j(fn)
    .find(j.ThisExpression)
    .filter((p) => {
      let owner = p.parent;
      while (owner && owner.node !== fn.node && (!FUNCTION_TYPES.has(owner.node.type) || owner.node.type === 'ArrowFunctionExpression')) owner = owner.parent;
      return owner?.node === fn.node && MEMBER.has(p.parent?.node.type) && isMutation(referenceEffect(p));
    })
    .paths();
}

/** For a handler that is a method or a function-valued field of a class of this module
 * (`exports.handler = new OrderHandler().handle`, `app.handle.bind(app)`): how the class keeps
 * state in the one instance (or in its statics) that serves every invocation, as a sentence
 * about the handler; null when it does not, or the handler is no class member. */
export function handlerInstanceState(j: JSCodeshift, handler: HandlerInfo): string | null {
  const member = handler.fn.parent;
  const memberNode = member?.node;
  const isMember = memberNode && (memberNode.type === 'MethodDefinition' || memberNode.type === 'ClassProperty' || memberNode.type === 'PropertyDefinition');
  const fnType: string = handler.fn.node.type;
  const own = fnType === 'ClassMethod' || fnType === 'ClassPrivateMethod' ? handler.fn : isMember ? member : null;
  const classPath = own?.parent?.parent;
  if (!own || !classPath || (classPath.node.type !== 'ClassDeclaration' && classPath.node.type !== 'ClassExpression')) return objectLiteralState(j, handler);
  const isStatic = !!own.node.static;
  const functions = [...methodsOf(classPath, isStatic).map((m) => m.fn)];
  classPath.get('body', 'body').each((field: ASTPath<any>) => {
    const node = field.node;
    if ((node.type === 'ClassProperty' || node.type === 'PropertyDefinition') && !!node.static === isStatic && node.value && FUNCTION_TYPES.has(node.value.type)) functions.push(field.get('value'));
  });
  const changed = functions.flatMap((fn) => thisMutationsIn(j, fn))[0];
  if (!changed) return null;
  const className = classPath.node.id?.name ?? 'its class';
  const where = isStatic ? `its static fields (${mutationText(changed)})` : `the instance (${mutationText(changed)}), and one instance serves every invocation`;
  return `handler \`${handler.name}\` is a member of \`${className}\`, which keeps state in ${where}: what it keeps carries over from one invocation to the next; kept, review it`;
}

/** A handler that is a method of a module object literal (`const api = { seen: [], async
 * handle(event) { this.seen.push(event.id) } }`, exported as `api.handle.bind(api)`): the one
 * object serves every invocation, and what its methods keep in `this` carries over. */
function objectLiteralState(j: JSCodeshift, handler: HandlerInfo): string | null {
  const fn = handler.fn;
  // the babel shape's ObjectMethod is the function; estree's Property holds it as its value
  const property = fn.node.type === 'ObjectMethod' ? fn : fn.parent?.node.type === 'Property' || fn.parent?.node.type === 'ObjectProperty' ? fn.parent : null;
  const object = property?.parent;
  if (!property || object?.node.type !== 'ObjectExpression' || fn.node.type === 'ArrowFunctionExpression') return null;
  const functions: ASTPath<any>[] = [];
  object.get('properties').each((p: ASTPath<any>) => {
    const node = p.node;
    if (node.type === 'ObjectMethod') functions.push(p);
    // an arrow's `this` is not the object's
    else if ((node.type === 'Property' || node.type === 'ObjectProperty') && node.value?.type === 'FunctionExpression') functions.push(p.get('value'));
  });
  const changed = functions.flatMap((f) => thisMutationsIn(j, f))[0];
  if (!changed) return null;
  const holder = object.parent?.node.type === 'VariableDeclarator' && object.parent.node.id.type === 'Identifier' ? `\`${object.parent.node.id.name}\`` : 'an object';
  return `handler \`${handler.name}\` is a method of ${holder}, which keeps state in the object (${mutationText(changed)}), and one object serves every invocation: what it keeps carries over from one invocation to the next; kept, review it`;
}

function classNodeOf(binding: ModuleBinding): ASTPath<any> | null {
  if (binding.declarator?.node.init?.type === 'ClassExpression') return binding.declarator.get('init');
  const statement = binding.statement;
  const declaration = statement.node.type === 'ClassDeclaration' ? statement : statement.node.declaration?.type === 'ClassDeclaration' ? statement.get('declaration') : null;
  return declaration;
}

/** The static or instance methods of a class (constructors aside), each with its function:
 * the member itself (`ClassMethod`) or its value (`MethodDefinition`, as some parsers give it). */
function methodsOf(classPath: ASTPath<any>, isStatic: boolean): { name: string; fn: ASTPath<any> }[] {
  const methods: { name: string; fn: ASTPath<any> }[] = [];
  classPath.get('body', 'body').each((member: ASTPath<any>) => {
    const node = member.node;
    if (!!node.static !== isStatic || node.kind === 'constructor') return;
    const fn = node.type === 'MethodDefinition' ? member.get('value') : FUNCTION_TYPES.has(node.type) ? member : null;
    const key = node.key;
    if (fn) methods.push({ name: key?.name ?? key?.id?.name ?? 'a method', fn });
  });
  return methods;
}

/** A class whose static fields change at run time (through the class name, or `this` in a static method). */
function classStaticState(j: JSCodeshift, binding: ModuleBinding): string | null {
  const classPath = classNodeOf(binding);
  if (!classPath) return null;
  const throughName = binding.references.find((r) => r.place.at === 'function' && MEMBER.has(r.path.parent?.node.type) && isMutation(r.effect));
  const changed = throughName?.path ?? methodsOf(classPath, true).flatMap((m) => thisMutationsIn(j, m.fn))[0];
  if (!changed) return null;
  return `keeps state in static fields, changed by ${mutationText(changed)}; it carries over from one invocation to the next; kept, reset it by hand at the start of the handler if it is per-request`;
}

/** A binding holding what a module function returns, when that is a function (or an object of
 * functions) that changes variables of the call that made it: a closure over private state. */
function closureState(j: JSCodeshift, binding: ModuleBinding): string | null {
  const init = binding.declarator?.node.init;
  if (init?.type !== 'CallExpression') return null;
  // `makeCounter()`, or a function called where it is written: `(() => { let n = 0; ... })()`
  const immediate = init.callee.type === 'FunctionExpression' || init.callee.type === 'ArrowFunctionExpression';
  if (!immediate && init.callee.type !== 'Identifier') return null;
  const calleePath = binding.declarator!.get('init', 'callee');
  const factory = immediate ? calleePath : codeUnitOf(calleePath);
  if (!factory || !['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression'].includes(factory.node.type)) return null;
  const changed = closureChange(j, factory);
  if (!changed) return null;
  const call = immediate ? 'the function called where it is declared' : `\`${init.callee.name}()\``;
  return `holds what ${call} returns, and a function made by that call changes \`${changed.node.name}\`, which it keeps from one call to the next (${mutationText(changed)}); that state carries over from one invocation to the next; kept, review it`;
}

/** The first change that a function made inside `factory` makes to a variable of the
 * factory's own call (`cache.set(key, ...)` in `function memo(fn) { const cache = new Map();
 * return (key) => ... }`): state the made function keeps from one call to the next; or null. */
export function closureChange(j: JSCodeshift, factory: ASTPath<any>): ASTPath<any> | null {
  const factoryScope = factory.scope;
  const inner = j(factory)
    .find(j.Node)
    .filter((p: ASTPath<any>) => FUNCTION_TYPES.has(p.node.type) && p.node !== factory.node)
    .paths() as ASTPath<any>[];
  for (const fn of inner) {
    const changed = j(fn)
      .find(j.Identifier)
      .filter((p) => isReference(p) && resolveScope(p) === factoryScope && isMutation(referenceEffect(p)))
      .paths()[0];
    if (changed) return changed;
  }
  return null;
}

/** An instance of a class of this module whose methods change `this`, or of a class from another
 * file of the project, whose methods cannot be seen here. */
function instanceState(j: JSCodeshift, binding: ModuleBinding): string | null {
  const init = binding.declarator?.node.init;
  if (init?.type !== 'NewExpression' || init.callee.type !== 'Identifier') return null;
  const calleePath = binding.declarator!.get('init', 'callee');
  const name = init.callee.name;
  const unit = codeUnitOf(calleePath);
  if (unit && (unit.node.type === 'ClassDeclaration' || unit.node.type === 'ClassExpression')) {
    for (const method of methodsOf(unit, false)) {
      const [changed] = thisMutationsIn(j, method.fn);
      if (changed) {
        return `is an instance of \`${name}\`, whose method \`${method.name}\` changes the instance (${mutationText(changed)}); what it keeps carries over from one invocation to the next; kept, review it`;
      }
    }
    return null;
  }
  const source = projectModuleOf(calleePath);
  if (source === null) return null;
  return `is an instance of \`${name}\` from '${source}', whose code is not in this file; if its methods keep state, that state carries over from one invocation to the next; kept, review it`;
}

/** An object literal whose methods change the object itself through `this`
 * (`const tracker = { items: [], track(x) { this.items.push(x) } }`). */
function objectState(j: JSCodeshift, binding: ModuleBinding): string | null {
  const init = binding.declarator?.node.init;
  if (init?.type !== 'ObjectExpression') return null;
  const properties = binding.declarator!.get('init', 'properties');
  for (let i = 0; i < init.properties.length; i++) {
    const property = properties.get(i);
    const node = property.node;
    // an arrow function's `this` is not the object
    const fn = node.type === 'ObjectMethod' ? property : (node.type === 'Property' || node.type === 'ObjectProperty') && node.value?.type === 'FunctionExpression' ? property.get('value') : null;
    if (!fn || node.kind === 'get') continue;
    const [changed] = thisMutationsIn(j, fn);
    if (changed) {
      const name = node.key?.name ?? node.key?.value ?? 'a method';
      return `is an object whose method \`${name}\` changes the object itself (${mutationText(changed)}); what it keeps carries over from one invocation to the next; kept, review it`;
    }
  }
  return null;
}

/** The relative module a name is imported from (`./repo`), or null. */
function projectModuleOf(idPath: ASTPath<any>): string | null {
  if (importedFrom(idPath) !== null) return null; // a package: the clients transform reports it
  const scope = resolveScope(idPath);
  for (const declared of (scope?.isGlobal ? scope.getBindings()[idPath.node.name] ?? [] : []) as ASTPath<any>[]) {
    for (let p: ASTPath<any> | null = declared.parent; p && p.node.type !== 'Program'; p = p.parent) {
      const node = p.node;
      const source = node.type === 'ImportDeclaration' ? node.source.value : node.type === 'VariableDeclarator' ? requiredPath(node.init) : undefined;
      if (source !== undefined) return typeof source === 'string' && /^\.{1,2}\//.test(source) ? source : null;
    }
  }
  return null;
}

function requiredPath(node: any): string | null {
  while (node && MEMBER.has(node.type)) node = node.object;
  return node?.type === 'CallExpression' && node.callee.type === 'Identifier' && node.callee.name === 'require' ? node.arguments[0]?.value ?? null : null;
}

/** Why a binding that is never changed through its own name may still carry state from one
 * invocation to the next (completing a sentence that starts with its name), or null. Only for
 * bindings a handler uses. */
export function hiddenStateOf(j: JSCodeshift, binding: ModuleBinding): string | null {
  if (!binding.references.some((r) => r.place.at === 'function' && r.place.reachedBy.length > 0)) return null;
  if (binding.declaredAs === 'class' || binding.declarator?.node.init?.type === 'ClassExpression') return classStaticState(j, binding);
  return closureState(j, binding) ?? instanceState(j, binding) ?? objectState(j, binding);
}
