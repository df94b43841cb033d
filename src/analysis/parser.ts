import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import vm from 'node:vm';
import type { JSCodeshift } from 'jscodeshift';

export type ParserName = 'babel' | 'ts' | 'tsx';

/** Extensions the tool reads, with the parser each one calls for. */
export const PARSER_BY_EXTENSION: Record<string, ParserName> = {
  '.js': 'babel',
  '.jsx': 'babel',
  '.mjs': 'babel',
  '.cjs': 'babel',
  '.ts': 'ts',
  '.mts': 'ts',
  '.cts': 'ts',
  '.tsx': 'tsx',
};

export function parserFor(filePath: string): ParserName | undefined {
  return PARSER_BY_EXTENSION[path.extname(filePath).toLowerCase()];
}

const instances = new Map<ParserName, JSCodeshift>();

/** A jscodeshift API bound to the parser (built once per parser, not per file). */
export function jscodeshiftFor(parser: ParserName): JSCodeshift {
  let j = instances.get(parser);
  if (!j) {
    // loaded on first use, not with this module: discovery needs only the extension table,
    // and a run whose files all fail the text pre-check never parses
    const jscodeshift: JSCodeshift = require('jscodeshift');
    require('./scopePatches');
    require('./printPatches');
    require('./reprintCompare');
    require('./visitorTables');
    j = jscodeshift.withParser(rawParser(parser));
    instances.set(parser, j);
  }
  return j;
}

/** A parser's own `parse`, as jscodeshift calls it: the tree before recast copies it. */
export interface RawParser {
  parse(source: string): any;
}

const rawParsers = new Map<ParserName, RawParser>();

/** jscodeshift's parser for `name`: `@babel/parser` with the options jscodeshift's own parser
 * module hands it (so a tree here is the tree `jscodeshift -t` builds), called on the copy of
 * `@babel/parser` described at `babelParser`. A plain parse costs about half of a tree
 * prepared for reprinting. */
export function rawParser(name: ParserName): RawParser {
  let parser = rawParsers.get(name);
  if (!parser) {
    const babel = babelParser();
    const options = parserOptions(name);
    parser = { parse: (source: string) => babel.parse(source, options) };
    rawParsers.set(name, parser);
  }
  return parser;
}

const syntaxCheckers = new Map<ParserName, RawParser>();

/**
 * jscodeshift's parser for `name` without tokens: for asking whether a text parses at all
 * (the check of every migrated file), not for building a tree to reprint. The same
 * `@babel/parser` with the same options (read from jscodeshift's parser module itself, so
 * the two cannot drift apart); only `tokens` is off. Tokens are about a third of a parse.
 */
export function syntaxChecker(name: ParserName): RawParser {
  let checker = syntaxCheckers.get(name);
  if (!checker) {
    const babel = babelParser();
    const options = { ...parserOptions(name), tokens: false };
    checker = { parse: (source: string) => babel.parse(source, options) };
    syntaxCheckers.set(name, checker);
  }
  return checker;
}

type BabelParser = { parse(source: string, options: object): any };

/** jscodeshift's parser module for each of our parser names (see jscodeshift's getParser). */
const JSCODESHIFT_PARSER_MODULE: Record<ParserName, string> = { babel: 'babel5Compat', ts: 'ts', tsx: 'tsx' };

const optionsByParser = new Map<ParserName, object>();

/** The options jscodeshift's parser module for `name` hands to `@babel/parser`, seen by
 * loading that module on its own with a stand-in for `@babel/parser` that records them and
 * calling it once (the modules keep their options to themselves). */
export function parserOptions(name: ParserName): object {
  let options = optionsByParser.get(name);
  if (!options) {
    let seen: object | undefined;
    const recorder: BabelParser = {
      parse: (_source, given) => {
        seen = given;
        return null;
      },
    };
    const file = require.resolve(`jscodeshift/parser/${JSCODESHIFT_PARSER_MODULE[name]}`);
    const factory = loadPrivately(file, fs.readFileSync(file, 'utf8'), (id) => (id === '@babel/parser' ? recorder : undefined)) as () => RawParser;
    factory().parse('');
    if (!seen) throw new Error(`jscodeshift's ${name} parser did not call @babel/parser`);
    options = seen;
    optionsByParser.set(name, options);
  }
  return options;
}

let babel: BabelParser | undefined;

/**
 * The `@babel/parser` jscodeshift's parsers use (it may be another copy than ours), loaded
 * for this tool's own use with one change: its `estree` plugin (which jscodeshift's `babel`
 * parser turns on) leaves the `index` of every start and end position enumerable instead of
 * redefining it, node by node and token by token, as not enumerable. Each redefinition is a
 * slow call into V8 that also gives the position a shape of its own: measured on the
 * benchmark tree, it was a tenth of a whole run and more than half of the parse of a large
 * file (babel/babel#16935 names it a performance regression of the plugin). Nothing here reads
 * a position's keys (trees from the `ts` and `tsx` parsers, which have no `estree` plugin,
 * always had an enumerable `index`). The module is loaded privately, not through `require`: a
 * program that loads this tool as a library and `@babel/parser` for itself gets it unchanged.
 * A version of `@babel/parser` whose text differs from the one this change is written for is
 * used as it is (a test says so when an update makes that happen).
 */
export function babelParser(): BabelParser {
  if (!babel) {
    const parserDir = path.dirname(require.resolve('jscodeshift/parser/babel5Compat'));
    const file = require.resolve('@babel/parser', { paths: [parserDir] });
    const source = fs.readFileSync(file, 'utf8');
    const changed = withEnumerablePositions(source);
    babel = (changed === null ? require(file) : loadPrivately(file, changed, () => undefined)) as BabelParser;
  }
  return babel;
}

/** The text of `@babel/parser`'s `toUnenumerable` (7.29): the only function the change touches. */
const TO_UNENUMERABLE = /\nconst toUnenumerable = \(object, key\) => \{\n {2}if \(object\) \{\n {4}defineProperty\(object, key, \{\n {6}enumerable: false,\n {6}value: object\[key\]\n {4}\}\);\n {2}\}\n\};\n/g;

/** `@babel/parser`'s text with `toUnenumerable` doing nothing; null when the text does not
 * hold exactly one such function as written in the version this is made for. */
export function withEnumerablePositions(source: string): string | null {
  const found = source.match(TO_UNENUMERABLE);
  if (found?.length !== 1) return null;
  return source.replace(TO_UNENUMERABLE, '\nconst toUnenumerable = (_object, _key) => {};\n');
}

/** Runs a CommonJS module's text as `file` would run, without entering it in `require`'s
 * cache; `override` answers some of its `require`s (undefined: the usual module). */
function loadPrivately(file: string, source: string, override: (id: string) => unknown): unknown {
  const usual = createRequire(file);
  const privateRequire = Object.assign((id: string) => override(id) ?? usual(id), { resolve: usual.resolve, cache: usual.cache, main: usual.main, extensions: usual.extensions });
  const wrapper = vm.compileFunction(source, ['exports', 'require', 'module', '__filename', '__dirname'], { filename: file });
  const loaded = { exports: {} as unknown };
  wrapper(loaded.exports, privateRequire, loaded, file, path.dirname(file));
  return loaded.exports;
}
