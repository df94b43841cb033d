// The tool parses with its own copy of jscodeshift's `@babel/parser`, in which the `estree`
// plugin leaves each position's `index` enumerable instead of redefining it (a tenth of a
// run). The trees must be the trees jscodeshift's own parsers build, and a program that loads
// `@babel/parser` next to the tool must get it unchanged.
import fs from 'node:fs';
import path from 'node:path';
import { babelParser, parserOptions, rawParser, withEnumerablePositions, type ParserName } from '../src/analysis/parser';

const jscodeshiftParser = (name: ParserName) => (require('jscodeshift/src/getParser') as (n: string) => { parse(s: string): any })(name);
const babelFile = require.resolve('@babel/parser', { paths: [path.dirname(require.resolve('jscodeshift/parser/babel5Compat'))] });

/** A tree as JSON with every position's `index` shown, enumerable or not. */
function withIndexes(tree: unknown): string {
  return JSON.stringify(tree, function (this: any, key, value) {
    if (value && typeof value === 'object' && typeof value.line === 'number' && typeof value.column === 'number' && 'index' in value) {
      return { line: value.line, column: value.column, index: value.index };
    }
    return value;
  });
}

const fixtureDir = path.join(__dirname, '..', '__testfixtures__');
const samples: [ParserName, string][] = fs
  .readdirSync(fixtureDir)
  .flatMap((dir) => fs.readdirSync(path.join(fixtureDir, dir)).map((f) => path.join(fixtureDir, dir, f)))
  .filter((f) => /\.input\.(js|ts|tsx)$/.test(f))
  .filter((_, i) => i % 7 === 0)
  .map((f) => [f.endsWith('.tsx') ? 'tsx' : f.endsWith('.ts') ? 'ts' : 'babel', f]);

describe("the tool's @babel/parser", () => {
  it('is changed: the installed version holds the function the change is written for', () => {
    // an update of @babel/parser that rewrites `toUnenumerable` fails here: the tool would
    // still work, at the old speed, until the change is written for the new text
    expect(withEnumerablePositions(fs.readFileSync(babelFile, 'utf8'))).not.toBeNull();
    const tree = rawParser('babel').parse('export const handler = async (event) => event.id;');
    expect(Object.keys(tree.program.body[0].loc.start)).toEqual(['line', 'column', 'index']);
  });

  it.each(samples)('builds the tree jscodeshift\'s %s parser builds, token for token: %s', (name, file) => {
    const text = fs.readFileSync(file, 'utf8');
    expect(withIndexes(rawParser(name).parse(text))).toBe(withIndexes(jscodeshiftParser(name).parse(text)));
  });

  it('uses the options of jscodeshift\'s parser modules', () => {
    expect(samples.length).toBeGreaterThan(20);
    const tsOptions = require('jscodeshift/parser/tsOptions');
    expect(parserOptions('ts')).toEqual(tsOptions);
    expect(parserOptions('tsx')).toEqual({ ...tsOptions, plugins: ['jsx', ...tsOptions.plugins] });
    expect(parserOptions('babel')).toMatchObject({ tokens: true, plugins: expect.arrayContaining(['estree', 'jsx']) });
  });

  it('leaves the @babel/parser that other code requires as it is', () => {
    rawParser('babel').parse('a;');
    const shared = require(babelFile);
    expect(shared).not.toBe(babelParser());
    const tree = shared.parse('a;', { plugins: ['estree'], tokens: true });
    expect(Object.keys(tree.program.body[0].loc.start)).toEqual(['line', 'column']);
    expect(tree.program.body[0].loc.start.index).toBe(0);
  });

  it('changes nothing when the text is not the one the change is written for', () => {
    expect(withEnumerablePositions('const toUnenumerable = (object, key) => { Object.defineProperty(object, key, {}); };')).toBeNull();
    const source = fs.readFileSync(babelFile, 'utf8');
    const twice = source + source.slice(source.indexOf('\nconst toUnenumerable'), source.indexOf('function toESTreeLocation'));
    expect(withEnumerablePositions(twice)).toBeNull();
  });
});
