// recast's printer wanted parentheses around `await x` under any operator, and so reprinted
// a user's untouched line holding `await a ?? b` as `(await a) ?? b` whenever the migration
// changed the statement list around it (src/analysis/printPatches.ts).
import { applyTransforms } from '../src/analysis/applyTransforms';
import { jscodeshiftFor } from '../src/analysis/parser';
import { transform as globals } from '../transforms/globals';

describe('await under an operator', () => {
  it.each([
    "const settings = JSON.parse(await Promise.resolve(process.env.SETTINGS) ?? '{}');",
    'const total = 1 + await Promise.resolve(2);',
    'const missing = !await Promise.resolve(false);',
    'const all = [...await Promise.resolve([1])];',
    'const first = await Promise.resolve(0) || 3;',
    'const squared = (await Promise.resolve(3)) ** 2;',
  ])('keeps the untouched line %s as it was written', (line) => {
    const source = `${line}\nconst seen = new Set();\nexport const handler = async (event) => {\n  seen.add(event.id);\n  return seen.size;\n};\n`;
    const result = applyTransforms(source, 'handler.mjs', { transforms: [globals] });
    expect(result.output).not.toBeNull();
    expect(result.output!.split('\n')[0]).toBe(line);
    expect(result.output).toContain('  const seen = new Set();');
  });

  it('prints generated code without them, except on the left of **', () => {
    const j = jscodeshiftFor('babel');
    const awaitA = () => j.awaitExpression(j.identifier('a'));
    const print = (expression: any) => j(j.program([j.expressionStatement(expression)])).toSource();
    expect(print(j.logicalExpression('??', awaitA(), j.identifier('b')))).toBe('await a ?? b;');
    expect(print(j.binaryExpression('+', j.identifier('b'), awaitA()))).toBe('b + await a;');
    expect(print(j.binaryExpression('**', awaitA(), j.literal(2)))).toBe('(await a) ** 2;');
    expect(print(j.memberExpression(awaitA(), j.identifier('x')))).toBe('(await a).x;');
  });
});
