// `j(path).find(j.Type)` without ast-types' visitor machinery. The analyses search the same
// small trees many times over (a handler module is searched a dozen times across the four
// transforms), and each jscodeshift `find` builds a visitor, acquires a context per matching
// node and checks every value with ast-types' type predicates. This walk gives the same
// paths in the same order, and touches the tree the same way: the paths come from
// `path.get` (so they are the very objects any other search returns), and a field a node
// lacks is filled with its default, as ast-types' own traversal does.
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';

type Types = JSCodeshift['types'] & {
  namedTypes: Record<string, { check(value: unknown): boolean }>;
  getFieldNames(value: object): string[];
  getFieldValue(value: object, name: string): unknown;
};

const hasOwn = Object.prototype.hasOwnProperty;
const objToStr = Object.prototype.toString;

/** For each type name searched for: whether a node of a given type counts as one (it is
 * that type or a subtype, as the visitor method `visit<typeName>` would be called for it).
 * A shallow check of a node depends only on its `type`, so the answer is kept per type. */
const matchTables = new WeakMap<object, Map<string, Map<string, boolean>>>();

function matcher(types: Types, typeNames: string | string[]): (node: any) => boolean {
  const names = Array.isArray(typeNames) ? typeNames : [typeNames];
  const key = names.join(' ');
  let byName = matchTables.get(types);
  if (!byName) matchTables.set(types, (byName = new Map()));
  let table = byName.get(key);
  if (!table) byName.set(key, (table = new Map()));
  const namedTypes = names.map((name) => {
    const namedType = types.namedTypes[name];
    if (!namedType) throw new Error(`unknown node type ${name}`);
    return namedType;
  });
  return (node) => {
    let answer = table.get(node.type);
    if (answer === undefined) table.set(node.type, (answer = namedTypes.some((t) => t.check(node))));
    return answer;
  };
}

/** Field names by node type (ast-types copies its list on every call). */
const fieldNameTables = new WeakMap<object, Map<string, string[]>>();

function fieldNamesOf(types: Types, value: any): string[] {
  const type = value.type;
  if (typeof type !== 'string') return types.getFieldNames(value);
  let byType = fieldNameTables.get(types);
  if (!byType) fieldNameTables.set(types, (byType = new Map()));
  let names = byType.get(type);
  if (!names) byType.set(type, (names = types.getFieldNames(value)));
  return names;
}

/**
 * The paths below `start` (not `start` itself) whose node is a `typeName` (or a subtype of
 * it; with several names, of any of them), in the order `j(start).find(j[typeName])` gives
 * them. Paths are made (with
 * `path.get`, so they are the ones any other search returns) only for the nodes found and
 * the nodes above them; the rest of the tree is walked as plain objects. `accept`, when
 * given, is asked about each node of the type before its path is made: a cheap test on the
 * node (such as its name) spares the paths of the nodes it rejects.
 */
export function findPaths(j: JSCodeshift, start: ASTPath<any>, typeName: string | string[], accept?: (node: any) => boolean): ASTPath<any>[] {
  const types = j.types as Types;
  const matches = matcher(types, typeName);
  const found: ASTPath<any>[] = [];
  // the chain from `start` to the value being walked: values, the key each is reached by
  // from the one above, and its path once one was needed
  const values: any[] = [start.value];
  const keys: (string | number)[] = [''];
  const paths: (ASTPath<any> | null)[] = [start];
  const pathAt = (depth: number): ASTPath<any> => {
    let known = depth;
    while (paths[known] === null) known--;
    for (let d = known + 1; d <= depth; d++) paths[d] = paths[d - 1]!.get(keys[d]);
    return paths[depth]!;
  };
  const enter = (depth: number, value: unknown, key: string | number) => {
    values[depth] = value;
    keys[depth] = key;
    paths[depth] = null;
    walk(depth);
  };
  const walk = (depth: number) => {
    const value = values[depth];
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) if (hasOwn.call(value, i)) enter(depth + 1, value[i], i);
      return;
    }
    if (objToStr.call(value) !== '[object Object]') return;
    if (depth > 0 && typeof value.type === 'string' && matches(value) && (!accept || accept(value))) found.push(pathAt(depth));
    for (const name of fieldNamesOf(types, value)) {
      // as ast-types' traversal does: a field the node lacks gets its default value
      if (!hasOwn.call(value, name)) value[name] = types.getFieldValue(value, name);
      enter(depth + 1, value[name], name);
    }
  };
  walk(0);
  return found;
}

/** The nodes `findPaths` would give the paths of, without making any path. */
export function findNodes(j: JSCodeshift, start: ASTPath<any>, typeName: string | string[]): any[] {
  const nodes: any[] = [];
  findPaths(j, start, typeName, (node) => {
    nodes.push(node);
    return false;
  });
  return nodes;
}

const matchNode = require('jscodeshift/src/matchNode') as (node: unknown, filter: unknown) => boolean;

/**
 * `j(from).find(j[typeName], filter).paths()`: `from` is a collection (each of its paths is
 * searched, in order), a path, or a node (which, as with `j(node)`, gets a path of its own).
 * `filter` is matched as jscodeshift matches it, before the node's path is made.
 */
export function findIn(j: JSCodeshift, from: Collection<any> | ASTPath<any> | object, typeName: string | string[], filter?: object): ASTPath<any>[] {
  const accept = filter ? (node: any) => matchNode(node, filter) : undefined;
  const starts: ASTPath<any>[] =
    typeof (from as Collection<any>).paths === 'function'
      ? (from as Collection<any>).paths()
      : from instanceof (j.types as any).NodePath
        ? [from as ASTPath<any>]
        : [new (j.types as any).NodePath(from)];
  return starts.length === 1 ? findPaths(j, starts[0], typeName, accept) : starts.flatMap((start) => findPaths(j, start, typeName, accept));
}
