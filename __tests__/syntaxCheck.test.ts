// Every migrated file is parsed again before it is handed back; that check uses jscodeshift's
// own parser options with tokens off. It must accept and reject exactly what the parser that
// built the tree does, for each of the three parsers.
import { applyTransforms } from '../src/analysis/applyTransforms';
import { rawParser, syntaxChecker, type ParserName } from '../src/analysis/parser';
import type { Transform } from '../src/analysis/types';

const samples: Record<ParserName, { valid: string[]; invalid: string[] }> = {
  babel: {
    valid: [
      'export const handler = async (event) => <div>{event.id}</div>;',
      '@decorate class A {}\nexports.handler = (e) => e?.a ?? 1;',
      '#!/usr/bin/env node\nreturn 1;',
    ],
    invalid: ['const x: number = 1;', 'let a = ;', 'export const handler = (event) => { return <div>; };'],
  },
  ts: {
    valid: ['export const handler = async <T,>(event: T): Promise<T> => event;', 'import fs = require("fs");\nenum E { A }'],
    invalid: ['const a = <div />;', 'let a: = 1;'],
  },
  tsx: {
    valid: ['export const handler = (event: { id: string }) => <div>{event.id}</div>;'],
    invalid: ['const a = <div>;', 'let a = ;'],
  },
};

describe.each(Object.entries(samples) as [ParserName, { valid: string[]; invalid: string[] }][])('the %s parser', (name, { valid, invalid }) => {
  it.each(valid)('accepts what the tree parser accepts: %s', (text) => {
    expect(() => rawParser(name).parse(text)).not.toThrow();
    const tree = syntaxChecker(name).parse(text);
    expect(tree.program.body.length).toBeGreaterThan(0);
    expect(tree.tokens).toBeUndefined();
  });

  it.each(invalid)('rejects what the tree parser rejects, at the same place: %s', (text) => {
    const place = (parse: () => unknown) => {
      try {
        parse();
      } catch (error: any) {
        return { message: error.message, loc: { line: error.loc?.line, column: error.loc?.column } };
      }
      throw new Error('parsed');
    };
    expect(place(() => syntaxChecker(name).parse(text))).toEqual(place(() => rawParser(name).parse(text)));
  });
});

describe('a migrated file that would not parse', () => {
  // a transform whose printed result is not code: the check keeps it out of the output
  const broken: Transform = {
    name: 'globals',
    step: ({ j, handlers, report }) => {
      const fn = handlers[0].fn;
      fn.get('body').replace(j.blockStatement([j.expressionStatement(j.identifier('1 not code'))]));
      report.change({ kind: 'broken', line: 1, column: 1, message: 'broke it' });
    },
  } as Transform;

  it.each([
    ['handler.js', 'exports.handler = async (event) => {\n  return 1;\n};\n'],
    ['handler.ts', 'export const handler = async (event: unknown) => {\n  return 1;\n};\n'],
    ['handler.tsx', 'export const handler = async (event: unknown) => {\n  return <div />;\n};\n'],
  ])('is left unchanged and reported (%s)', (file, text) => {
    const result = applyTransforms(text, file, { transforms: [broken] });
    expect(result.output).toBeNull();
    expect(result.error?.message).toMatch(/^the migrated code would not parse \(.+\); file left unchanged$/);
  });
});
