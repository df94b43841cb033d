// A faster copy of the comparison recast makes before it reprints a changed tree. Imported
// for its effect by the parser module, before any tree is printed.
//
// To keep the text of everything the transforms did not touch, recast compares each node of
// the edited tree with the node it was copied from (`findReprints` in recast's lib/patcher),
// field by field, down to the leaves, and reprints only what differs. That comparison is
// most of the time a print takes (a third of it even warm; more in a fresh process, where
// all of it runs cold): for each node it builds an object of the keys of both nodes, reads
// every field through ast-types' field table, asks ast-types for the node's type several
// times, and works out whether the node needs parentheses. The answers are the same for a
// node type every time, and a field's own value needs no table when it is there.
//
// This module gives `getReprinter` the same comparison with those costs cut: the same
// decisions in the same order, so the same reprints; only the type questions are answered
// from a table by type name, a field present on the node is read directly, and a statement
// or an identifier is not asked whether it needs parentheses (recast's own answer for them
// is always no). `__tests__/reprintCompare.test.ts` prints trees both ways.
import path from 'node:path';

const PATCHED = Symbol.for('lambda-clean-slate.reprintCompare');

/** The folder of the recast copy jscodeshift uses. */
const recastDir = path.dirname(require.resolve('recast/package.json', { paths: [path.dirname(require.resolve('jscodeshift'))] }));

function recastModule(name: string): any {
  return require(path.join(recastDir, 'lib', name));
}

const patcher = recastModule('patcher');
const FastPath = recastModule('fast-path').default;
const linesModule = recastModule('lines');
const util = recastModule('util');
const types = require(require.resolve('ast-types', { paths: [recastDir] }));
const { Printable, Expression, ReturnStatement, SourceLocation, Node, Statement } = types.namedTypes;

const objectToString = Object.prototype.toString;
const OBJECT_TAG = objectToString.call({});
const ARRAY_TAG = objectToString.call([]);

/** `check` of a named type for a value, answered once per `type` name: ast-types decides it
 * from the `type` string alone (a value without one is no node). */
function byTypeName(namedType: any): (value: any) => boolean {
  const known = new Map<string, boolean>();
  return (value) => {
    const type = value?.type;
    if (typeof type !== 'string') return namedType.check(value);
    let answer = known.get(type);
    if (answer === undefined) known.set(type, (answer = namedType.check(value)));
    return answer;
  };
}

const isPrintable = byTypeName(Printable);
const isExpression = byTypeName(Expression);
const isNode = byTypeName(Node);
const isStatement = byTypeName(Statement);

/** A field's value as ast-types reads it: the node's own, else the field's default. */
function fieldValue(node: any, key: string): any {
  const own = node[key];
  return own !== undefined ? own : types.getFieldValue(node, key);
}

/** The node nearest below the top of the path's stack, after skipping `skip` nodes (recast's
 * getNodeHelper). */
function nodeAt(path: any, skip: number): any {
  const s = path.stack;
  let count = skip;
  for (let i = s.length - 1; i >= 0; i -= 2) {
    const value = s[i];
    if (isNode(value) && --count < 0) return value;
  }
  return null;
}

function findReprints(newPath: any, reprints: any[]): boolean {
  const newNode = newPath.getValue();
  Printable.assert(newNode);
  const oldNode = newNode.original;
  Printable.assert(oldNode);
  if (newNode.type !== oldNode.type) return false;
  const oldPath = new FastPath(oldNode);
  const canReprint = findChildReprints(newPath, oldPath, reprints);
  // make sure the calling code does not attempt to reprint any node
  if (!canReprint) reprints.length = 0;
  return canReprint;
}

function findAnyReprints(newPath: any, oldPath: any, reprints: any[]): boolean {
  const newNode = newPath.getValue();
  const oldNode = oldPath.getValue();
  if (newNode === oldNode) return true;
  const tag = objectToString.call(newNode);
  if (tag === ARRAY_TAG) return findArrayReprints(newPath, oldPath, reprints);
  if (tag === OBJECT_TAG) return findObjectReprints(newPath, oldPath, reprints);
  return false;
}

/** Takes a name and its value off a path's stack (two pops cost less than setting the length). */
function pop2(stack: any[]): void {
  stack.pop();
  stack.pop();
}

function valueIsDuplicate(path: any): boolean {
  const s = path.stack;
  const last = s.length - 1;
  return s.lastIndexOf(s[last], last - 1) >= 0;
}

function findArrayReprints(newPath: any, oldPath: any, reprints: any[]): boolean {
  const newNode = newPath.getValue();
  const oldNode = oldPath.getValue();
  if (newNode === oldNode || valueIsDuplicate(newPath) || valueIsDuplicate(oldPath)) return true;
  const length = newNode.length;
  if (!(objectToString.call(oldNode) === ARRAY_TAG && oldNode.length === length)) return false;
  for (let i = 0; i < length; ++i) {
    newPath.stack.push(i, newNode[i]);
    oldPath.stack.push(i, oldNode[i]);
    const canReprint = findAnyReprints(newPath, oldPath, reprints);
    pop2(newPath.stack);
    pop2(oldPath.stack);
    if (!canReprint) return false;
  }
  return true;
}

function findObjectReprints(newPath: any, oldPath: any, reprints: any[]): boolean {
  const newNode = newPath.getValue();
  // (the caller checked that newNode is a plain object)
  if (newNode.original === null) return false;
  const oldNode = oldPath.getValue();
  if (objectToString.call(oldNode) !== OBJECT_TAG) return false;
  if (newNode === oldNode || valueIsDuplicate(newPath) || valueIsDuplicate(oldPath)) return true;
  if (isPrintable(newNode)) {
    if (!isPrintable(oldNode)) return false;
    const oldParentNode = nodeAt(oldPath, 1);
    if (oldParentNode !== null && oldParentNode.type === 'FunctionTypeAnnotation') {
      const newParentNode = nodeAt(newPath, 1);
      if (newParentNode !== null && newParentNode.type === 'FunctionTypeAnnotation') {
        const oldNeedsParens = oldParentNode.params.length !== 1 || !!oldParentNode.params[0].name;
        const newNeedParens = newParentNode.params.length !== 1 || !!newParentNode.params[0].name;
        if (!oldNeedsParens && newNeedParens) return false;
      }
    }
    // whether the code reprinted for newNode can be patched into oldNode's place
    if (newNode.type === oldNode.type) {
      const childReprints: any[] = [];
      if (findChildReprints(newPath, oldPath, childReprints)) {
        reprints.push(...childReprints);
      } else if (oldNode.loc) {
        reprints.push({ oldPath: oldPath.copy(), newPath: newPath.copy() });
      } else {
        return false;
      }
      return true;
    }
    // two expressions: the new one can fill the old one's place
    if (isExpression(newNode) && isExpression(oldNode) && oldNode.loc) {
      reprints.push({ oldPath: oldPath.copy(), newPath: newPath.copy() });
      return true;
    }
    return false;
  }
  return findChildReprints(newPath, oldPath, reprints);
}

/** recast's answer for a statement or an identifier is no; others are asked. */
function mayNeedParens(node: any): boolean {
  return !(node.type === 'Identifier' || (typeof node.type === 'string' && isStatement(node)));
}

function findChildReprints(newPath: any, oldPath: any, reprints: any[]): boolean {
  const newNode = newPath.getValue();
  const oldNode = oldPath.getValue();
  if (newNode.original === null) return false;
  // a node that needs parentheses it would not get when reprinted is printed generically
  if (mayNeedParens(newNode) && newPath.needsParens() && !oldPath.hasParens()) return false;
  const keys = Object.keys(oldNode);
  for (const key of Object.keys(newNode)) if (!keys.includes(key)) keys.push(key);
  const file = oldNode.type === 'File' || newNode.type === 'File';
  const before = reprints.length;
  for (const key of keys) {
    // not the tokens (a long array, of no use here), the locations, nor "private" properties
    // parsers add
    if (key === 'loc' || (file && key === 'tokens') || key.charAt(0) === '_') continue;
    newPath.stack.push(key, fieldValue(newNode, key));
    oldPath.stack.push(key, fieldValue(oldNode, key));
    const canReprint = findAnyReprints(newPath, oldPath, reprints);
    pop2(newPath.stack);
    pop2(oldPath.stack);
    if (!canReprint) return false;
  }
  // a return statement with comments inserted deep inside may run into ASI: reprinted whole
  if (reprints.length > before && ReturnStatement.check(newPath.getNode())) return false;
  return true;
}

const RISKY_ADJOINING_CHAR = /[0-9a-z_$]/i;

function needsLeadingSpace(oldLines: any, oldLoc: any, newLines: any): boolean {
  const posBeforeOldLoc = util.copyPos(oldLoc.start);
  const charBeforeOldLoc = oldLines.prevPos(posBeforeOldLoc) && oldLines.charAt(posBeforeOldLoc);
  const newFirstChar = newLines.charAt(newLines.firstPos());
  return !!(charBeforeOldLoc && RISKY_ADJOINING_CHAR.test(charBeforeOldLoc) && newFirstChar && RISKY_ADJOINING_CHAR.test(newFirstChar));
}

function needsTrailingSpace(oldLines: any, oldLoc: any, newLines: any): boolean {
  const charAfterOldLoc = oldLines.charAt(oldLoc.end);
  const newLastPos = newLines.lastPos();
  const newLastChar = newLines.prevPos(newLastPos) && newLines.charAt(newLastPos);
  return !!(newLastChar && RISKY_ADJOINING_CHAR.test(newLastChar) && charAfterOldLoc && RISKY_ADJOINING_CHAR.test(charAfterOldLoc));
}

/** recast's getReprinter (lib/patcher), with the comparison above. */
function getReprinter(path: any): ((print: any) => any) | undefined {
  const node = path.getValue();
  if (!isPrintable(node)) return undefined;
  const orig = node.original;
  const origLoc = orig && orig.loc;
  const lines = origLoc && origLoc.lines;
  const reprints: any[] = [];
  if (!lines || !findReprints(path, reprints)) return undefined;
  return (print: any) => {
    const patch = new patcher.Patcher(lines);
    for (const reprint of reprints) {
      const newNode = reprint.newPath.getValue();
      const oldNode = reprint.oldPath.getValue();
      SourceLocation.assert(oldNode.loc, true);
      const needToPrintNewPathWithComments = !patch.tryToReprintComments(newNode, oldNode, print);
      // comments that could not all be kept: the old node's are deleted, the new node is
      // printed with its own, and the result patched where the old node was
      if (needToPrintNewPathWithComments) patch.deleteComments(oldNode);
      let newLines = print(reprint.newPath, {
        includeComments: needToPrintNewPathWithComments,
        // parentheses the old node had may do for a new node of the same type
        avoidRootParens: oldNode.type === newNode.type && reprint.oldPath.hasParens(),
      }).indentTail(oldNode.loc.indent);
      const leading = needsLeadingSpace(lines, oldNode.loc, newLines);
      const trailing = needsTrailingSpace(lines, oldNode.loc, newLines);
      // `return"asdf"` reprinted as `returnnull`: a space where tokens would fuse
      if (leading || trailing) {
        const parts: any[] = [];
        if (leading) parts.push(' ');
        parts.push(newLines);
        if (trailing) parts.push(' ');
        newLines = linesModule.concat(parts);
      }
      patch.replace(oldNode.loc, newLines);
    }
    // origLoc holds every reprinted node and comment
    const patchedLines = patch.get(origLoc).indentTail(-orig.loc.indent);
    return path.needsParens() ? linesModule.concat(['(', patchedLines, ')']) : patchedLines;
  };
}

const ORIGINAL = Symbol.for('lambda-clean-slate.reprintCompare.original');
if (!patcher[PATCHED]) {
  patcher[ORIGINAL] = patcher.getReprinter;
  patcher.getReprinter = getReprinter;
  patcher[PATCHED] = true;
}

/** Runs `fn` with recast's own comparison in place of this one (for the test that compares them). */
export function withRecastComparison<T>(fn: () => T): T {
  const ours = patcher.getReprinter;
  patcher.getReprinter = patcher[ORIGINAL];
  try {
    return fn();
  } finally {
    patcher.getReprinter = ours;
  }
}
