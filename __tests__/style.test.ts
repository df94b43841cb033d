import { measureStyle } from '../src/analysis/style';

describe('measureStyle', () => {
  it('reads quotes, semicolons, indentation and line endings', () => {
    expect(measureStyle("const a = 'x';\nif (a) {\n  run('y');\n}\n")).toMatchObject({ quote: 'single', semicolons: true, useTabs: false, tabWidth: 2, lineTerminator: '\n' });
    expect(measureStyle('const a = "x"\r\nif (a) {\r\n\trun("y")\r\n}\r\n')).toMatchObject({ quote: 'double', semicolons: false, useTabs: true, lineTerminator: '\r\n' });
    expect(measureStyle('function f() {\n    if (x) {\n        return 1;\n    }\n}\n').tabWidth).toBe(4);
  });

  it('reads the indentation from the blocks, not from continuation lines', () => {
    const source = "var TABLE = 'users',\n    SCHEMA = 'public',\n    LIMIT = 10,\n    ORDER = 'id';\nexports.handler = function (event) {\n  run(event);\n  return `a\n  b`;\n};\n";
    expect(measureStyle(source).tabWidth).toBe(2);
    // no block opened on a line of its own: any step is all there is to go by
    expect(measureStyle('var a = 1,\n    b = 2;\n').tabWidth).toBe(4);
  });

  it("reads the indentation from braces before a wrapped call's double step (Google's style: blocks +2, continuations +4)", () => {
    const source = "exports.handler = async (event) => {\n  seen.push(event.id);\n  const a = await client.send(\n      makeCommand(event.id, 'a'));\n  const b = await client.send(\n      makeCommand(event.id, 'b'));\n  const c = await client.send(\n      makeCommand(event.id, 'c'));\n  return [a, b, c];\n};\nfunction makeCommand(id, x) {\n  return { id, x };\n}\n";
    expect(measureStyle(source).tabWidth).toBe(2);
    // with no brace opening a line's block, a wrapped call still tells the step
    expect(measureStyle('run(\n    a,\n    b);\nrun(\n    c);\n').tabWidth).toBe(4);
  });

  it('reads whether a single arrow parameter is parenthesised', () => {
    expect(measureStyle('const f = (event) => event;\nitems.map((item) => item.id);\n').arrowParens).toBe('always');
    expect(measureStyle('const f = event => event;\nitems.map(item => item.id);\n').arrowParens).toBe('avoid');
    // nothing to measure: the common default
    expect(measureStyle('const f = (a, b) => a;\n').arrowParens).toBe('always');
  });
});
