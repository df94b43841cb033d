import { measureStyle } from '../src/analysis/style';

describe('measureStyle', () => {
  it('reads quotes, semicolons, indentation and line endings', () => {
    expect(measureStyle("const a = 'x';\nif (a) {\n  run('y');\n}\n")).toMatchObject({ quote: 'single', semicolons: true, useTabs: false, tabWidth: 2, lineTerminator: '\n' });
    expect(measureStyle('const a = "x"\r\nif (a) {\r\n\trun("y")\r\n}\r\n')).toMatchObject({ quote: 'double', semicolons: false, useTabs: true, lineTerminator: '\r\n' });
    expect(measureStyle('function f() {\n    if (x) {\n        return 1;\n    }\n}\n').tabWidth).toBe(4);
  });

  it('reads whether a single arrow parameter is parenthesised', () => {
    expect(measureStyle('const f = (event) => event;\nitems.map((item) => item.id);\n').arrowParens).toBe('always');
    expect(measureStyle('const f = event => event;\nitems.map(item => item.id);\n').arrowParens).toBe('avoid');
    // nothing to measure: the common default
    expect(measureStyle('const f = (a, b) => a;\n').arrowParens).toBe('always');
  });
});
