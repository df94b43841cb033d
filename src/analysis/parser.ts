import path from 'node:path';
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
    require('./visitorTables');
    j = jscodeshift.withParser(parser);
    instances.set(parser, j);
  }
  return j;
}

/** A parser's own `parse`, as jscodeshift calls it: the tree before recast copies it. */
export interface RawParser {
  parse(source: string): any;
}

const rawParsers = new Map<ParserName, RawParser>();

/** jscodeshift's parser for `name`, with the options the transforms' tree is parsed with
 * (the module `withParser(name)` itself uses, so both trees agree). A plain parse costs
 * about half of a tree prepared for reprinting. */
export function rawParser(name: ParserName): RawParser {
  let parser = rawParsers.get(name);
  if (!parser) {
    parser = (require('jscodeshift/src/getParser') as (name: string) => RawParser)(name);
    rawParsers.set(name, parser);
  }
  return parser;
}

const syntaxCheckers = new Map<ParserName, RawParser>();

/**
 * jscodeshift's parser for `name` without tokens: for asking whether a text parses at all
 * (the check of every migrated file), not for building a tree to reprint. The same
 * `@babel/parser` module with the same options, read from jscodeshift's parser itself so the
 * two cannot drift apart; only `tokens` is off. Tokens are most of a parse's cost with the
 * `estree` plugin, which re-describes each token's location.
 */
export function syntaxChecker(name: ParserName): RawParser {
  let checker = syntaxCheckers.get(name);
  if (!checker) {
    const babel = babelParserOfJscodeshift();
    const options = { ...optionsOf(name, babel), tokens: false };
    checker = { parse: (source: string) => babel.parse(source, options) };
    syntaxCheckers.set(name, checker);
  }
  return checker;
}

type BabelParser = { parse(source: string, options: object): any };

/** The `@babel/parser` jscodeshift's parsers load (it may be another copy than ours). */
function babelParserOfJscodeshift(): BabelParser {
  const parserDir = path.dirname(require.resolve('jscodeshift/parser/babel5Compat'));
  return require(require.resolve('@babel/parser', { paths: [parserDir] })) as BabelParser;
}

/** The options jscodeshift's parser `name` hands to `@babel/parser`, seen by running it once
 * on an empty text with `parse` standing in to record them. */
function optionsOf(name: ParserName, babel: BabelParser): object {
  const parse = babel.parse;
  let seen: object | undefined;
  babel.parse = (_source: string, options: object) => {
    seen = options;
    return parse('', options);
  };
  try {
    (require('jscodeshift/src/getParser') as (name: string) => RawParser)(name).parse('');
  } finally {
    babel.parse = parse;
  }
  if (!seen) throw new Error(`jscodeshift's ${name} parser did not call @babel/parser`);
  return seen;
}
