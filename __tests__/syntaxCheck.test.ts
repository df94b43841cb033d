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

describe('a migrated file whose multi-line literal would change', () => {
  // a transform that adds a line to the handler and prints with another indentation width:
  // recast re-indents the handler's own lines, the continuation lines of literals included
  const reindenting: Transform = {
    name: 'globals',
    step: ({ j, handlers, style, report }) => {
      (style as any).tabWidth = 4;
      (handlers[0].fn.node.body as any).body.unshift(j.expressionStatement(j.identifier('added')));
      report.change({ kind: 'reindent', line: 1, column: 1, message: 'added a line' });
    },
  } as Transform;
  // the same with the file's own width: nothing inside a literal moves
  const adding: Transform = {
    name: 'globals',
    step: ({ j, handlers, report }) => {
      (handlers[0].fn.node.body as any).body.unshift(j.expressionStatement(j.identifier('added')));
      report.change({ kind: 'add', line: 1, column: 1, message: 'added a line' });
    },
  } as Transform;

  const template = 'exports.handler = function (event) {\n  if (event) {\n    return `a\n  b`;\n  }\n};\n';
  const continued = 'exports.handler = function (event) {\n  if (event) {\n    return \'a\\\n  b\';\n  }\n};\n';

  it.each([
    ['a template literal', 'handler.js', template, 'template literal', 3],
    ['a string continued with a backslash', 'handler.js', continued, 'string', 3],
    ['a template literal (ts)', 'handler.ts', template, 'template literal', 3],
  ])('is left unchanged and reported: %s', (_label, file, text, kind, line) => {
    const result = applyTransforms(text, file, { transforms: [reindenting] });
    expect(result.output).toBeNull();
    expect(result.error?.message).toBe(`the migrated code would change the text of a ${kind} written over several lines (printing re-indented it); file left unchanged, please report it`);
    expect(result.error?.line).toBe(line);
  });

  it.each([
    ['spaces', template],
    ['a backslash continuation', continued],
    ['tabs', template.replace(/^ {4}/gm, '\t\t').replace(/^ {2}/gm, '\t')],
    ['CRLF', template.replace(/\n/g, '\r\n')],
  ])('is not reported when the literal stays as written (%s)', (_label, text) => {
    const result = applyTransforms(text, 'handler.js', { transforms: [adding] });
    expect(result.error).toBeUndefined();
    expect(result.output).toContain('added');
  });
});
