// findPaths stands in for `j(path).find(j.Type)` in the analyses' hottest searches. It must
// give the very same path objects in the same order, and leave the tree exactly as
// jscodeshift's search does (ast-types fills in the default of a field a node lacks).
import fs from 'node:fs';
import path from 'node:path';
import type { ASTPath } from 'jscodeshift';
import { findIn, findNodes, findPaths } from '../src/analysis/fastFind';
import { jscodeshiftFor, parserFor } from '../src/analysis/parser';

const FIXTURES = path.join(__dirname, '..', '__testfixtures__');
const inputs = fs
  .readdirSync(FIXTURES)
  .flatMap((transform) => fs.readdirSync(path.join(FIXTURES, transform)).map((file) => path.join(FIXTURES, transform, file)))
  .filter((file) => /\.input\.[cm]?[jt]sx?$/.test(file));

const parse = (file: string) => {
  const j = jscodeshiftFor(parserFor(file.replace('.input', ''))!);
  return { j, root: j(fs.readFileSync(file, 'utf8').replace(/^#!/, '//')) };
};

/** The tree as data, without locations, tokens and recast's links. */
const shape = (node: unknown) =>
  JSON.stringify(node, (key, value) => (key === 'loc' || key === 'tokens' || key === 'original' || key === 'start' || key === 'end' || key === 'range' ? undefined : value));

it('has inputs in every parser to compare on', () => {
  const extensions = new Set(inputs.map((file) => parserFor(file.replace('.input', ''))));
  expect([...extensions].sort()).toEqual(['babel', 'ts', 'tsx']);
  expect(inputs.length).toBeGreaterThan(90);
});

describe.each(['Identifier', 'CallExpression', 'Function', 'Node', 'MemberExpression'])('findPaths(%s)', (type) => {
  it('gives the paths jscodeshift finds, the same objects in the same order, in every fixture input', () => {
    for (const file of inputs) {
      const { j, root } = parse(file);
      const top = root.paths()[0];
      const expected = j(top).find((j as any)[type]).paths();
      const found = findPaths(j, top, type);
      expect([file, found.length]).toEqual([file, expected.length]);
      found.forEach((p, i) => expect(p === expected[i]).toBe(true));
    }
  });

  it('below a function, not counting the function itself', () => {
    for (const file of inputs.slice(0, 40)) {
      const { j, root } = parse(file);
      root.find(j.Function).forEach((fn: ASTPath<any>) => {
        const expected = j(fn).find((j as any)[type]).paths();
        expect(findPaths(j, fn, type)).toEqual(expected);
      });
    }
  });
});

it('leaves the tree as jscodeshift leaves it (defaults filled in the same fields)', () => {
  for (const file of inputs) {
    const a = parse(file);
    const b = parse(file);
    a.j(a.root.paths()[0]).find(a.j.Node);
    findPaths(b.j, b.root.paths()[0], 'Identifier');
    expect([file, shape(b.root.paths()[0].value)]).toEqual([file, shape(a.root.paths()[0].value)]);
  }
});

it('finds any of several types in one walk, and asks `accept` before making a path', () => {
  for (const file of inputs.slice(0, 60)) {
    const { j, root } = parse(file);
    const top = root.paths()[0];
    const expected = j(top)
      .find(j.Node)
      .filter((p: ASTPath<any>) => j.Function.check(p.node) || j.CallExpression.check(p.node))
      .paths();
    expect(findPaths(j, top, ['Function', 'CallExpression'])).toEqual(expected);

    const named = j(top)
      .find(j.Identifier)
      .filter((p: ASTPath<any>) => p.node.name === 'event')
      .paths();
    expect(findPaths(j, top, 'Identifier', (node) => node.name === 'event')).toEqual(named);
    expect(findNodes(j, top, 'Identifier')).toEqual(j(top).find(j.Identifier).nodes());
  }
});

describe('findIn', () => {
  it('matches a filter as jscodeshift does, from a collection, a path or a node', () => {
    let compared = 0;
    for (const file of inputs) {
      const { j, root } = parse(file);
      const filter: any = { callee: { type: 'MemberExpression', property: { name: 'push' } } };
      expect(findIn(j, root, 'CallExpression', filter)).toEqual(root.find(j.CallExpression, filter).paths());
      const functions = root.find(j.Function);
      // a collection of several paths: each searched in turn, nested ones again
      expect(findIn(j, functions, 'Identifier', { name: 'event' })).toEqual(functions.find(j.Identifier, { name: 'event' }).paths());
      functions.forEach((fn: ASTPath<any>) => {
        expect(findIn(j, fn, 'ReturnStatement')).toEqual(j(fn).find(j.ReturnStatement).paths());
        // a node gets a path of its own, as with j(node)
        const fromNode = findIn(j, fn.node, 'Identifier').map((p) => p.node);
        expect(fromNode).toEqual(j(fn.node).find(j.Identifier).nodes());
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(100);
  });
});

it('rejects a type ast-types does not know', () => {
  const { j, root } = parse(inputs[0]);
  expect(() => findPaths(j, root.paths()[0], 'NoSuchNode')).toThrow('unknown node type NoSuchNode');
});
