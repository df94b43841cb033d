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
    require('./optionalCatchScope');
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
