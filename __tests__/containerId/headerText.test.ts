// An added `context` parameter keeps the handler's header as the user wrote it: recast
// would print `async function(event, context)` (no space, a header on several lines joined
// into one). The fixtures container-id/function-* show the usual shapes; these are the
// less usual ones, and what is left to recast.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { syntaxChecker } from '../../src/analysis/parser';
import { loadTransform, TRANSFORM_ORDER } from '../../transforms';

const containerId = [loadTransform('container-id')];
const all = TRANSFORM_ORDER.map((name) => loadTransform(name));

/** The migrated text, checked to parse and to be left alone by a second run. */
function migrate(source: string, file = 'handler.js', transforms = containerId): string {
  const result = applyTransforms(source, file, { transforms });
  expect(result.error).toBeUndefined();
  expect(result.output).not.toBeNull();
  const output = result.output!;
  expect(() => syntaxChecker(file.endsWith('.ts') ? 'ts' : 'babel').parse(output)).not.toThrow();
  const again = applyTransforms(output, file, { transforms });
  expect(again.error).toBeUndefined();
  expect(again.output).toBeNull();
  return output;
}

/** The output without the lines container-id adds at module level and in the handler. */
function userLines(output: string): string {
  return output
    .split(/\r?\n/)
    .filter((line) => !/randomUUID|containerId = |invocationCount|One id per execution environment|^\s*$/.test(line))
    .join('\n');
}

describe('the header keeps its text', () => {
  it.each([
    ['a function expression', 'exports.handler = async function (event) {\n  return event;\n};\n', 'exports.handler = async function (event, context) {'],
    ['a named function expression', 'exports.handler = async function handler (event) {\n  return event;\n};\n', 'exports.handler = async function handler (event, context) {'],
    ['a declaration', 'async function handler (event) {\n  return event;\n}\nmodule.exports = { handler };\n', 'async function handler (event, context) {'],
    ['a default value', 'exports.handler = async function (event = {}) {\n  return event;\n};\n', 'exports.handler = async function (event = {}, context) {'],
    ['spaces inside the parentheses', 'exports.handler = async function ( event ) {\n  return event;\n};\n', 'exports.handler = async function ( event, context ) {'],
    ['a brace on its own line', 'exports.handler = async function (event)\n{\n  return event;\n};\n', 'exports.handler = async function (event, context)\n{'],
    ['a block comment after the parameter', 'exports.handler = async function (event /* the request */) {\n  return event;\n};\n', 'exports.handler = async function (event /* the request */, context) {'],
    ['no parameter', 'exports.handler = async function () {\n  return 1;\n};\n', 'exports.handler = async function (_event, context) {'],
    ['a wrapper', 'exports.handler = middy(async function (event) {\n  return event;\n});\n', 'exports.handler = middy(async function (event, context) {'],
    ['an object method', 'module.exports = {\n  async handler (event) {\n    return event;\n  },\n};\n', '  async handler (event, context) {'],
    ['a static method', 'class App {\n  static async handler (event) {\n    return event;\n  }\n}\nexports.handler = App.handler;\n', '  static async handler (event, context) {'],
  ])('%s', (_label, source, header) => {
    expect(migrate(source)).toContain(`\n${header}\n`);
  });

  it('a streaming handler gets the placeholder before the context', () => {
    const output = migrate('exports.handler = awslambda.streamifyResponse(async function (event) {\n  return 1;\n});\n');
    expect(output).toContain('\nexports.handler = awslambda.streamifyResponse(async function (event, _responseStream, context) {\n');
  });

  it('a header on several lines gets the parameter on a line of its own, with tabs', () => {
    const source = 'module.exports = {\n\thandler: async function (\n\t\tevent\n\t) {\n\t\treturn 1;\n\t},\n};\n';
    expect(userLines(migrate(source))).toBe('module.exports = {\n\thandler: async function (\n\t\tevent,\n\t\tcontext\n\t) {\n\t\treturn 1;\n\t},\n};');
  });

  it('keeps CRLF line ends', () => {
    const output = migrate('exports.handler = async function (\r\n  event,\r\n) {\r\n  return 1;\r\n};\r\n');
    expect(output).toContain('\r\nexports.handler = async function (\r\n  event,\r\n  context,\r\n) {\r\n');
    expect(output.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('in TypeScript: an exported declaration under a file header, with type parameters and a return type', () => {
    const source = "/** Orders. */\nimport type { Context } from 'aws-lambda';\n\nexport async function handler <T>(event: T): Promise<T> {\n  return event;\n}\n";
    const output = migrate(source, 'handler.ts');
    expect(output).toMatch(/^\/\*\* Orders\. \*\/\n/);
    expect(output).toContain('\nexport async function handler <T>(event: T, context?: Context): Promise<T> {\n');
  });

  it('in TypeScript: a class method with a decorator and a modifier', () => {
    const source = [
      "import { Logger } from '@aws-lambda-powertools/logger';",
      'const logger = new Logger();',
      'class Lambda {',
      '  @logger.injectLambdaContext()',
      '  public async handler (event: unknown) {',
      '    return 1;',
      '  }',
      '}',
      'const instance = new Lambda();',
      'export const handler = instance.handler.bind(instance);',
      '',
    ].join('\n');
    expect(migrate(source, 'handler.ts')).toContain('\n  @logger.injectLambdaContext()\n  public async handler (event: unknown, context?: { awsRequestId: string }) {\n');
  });

  it('with every transform changing the body as well', () => {
    const source = "const fs = require('fs');\nconst seen = [];\n\nexports.handler = function (event, callback) {\n  seen.push(event.id);\n  fs.writeFileSync('/tmp/seen.txt', seen.join());\n  callback(null, seen.length);\n};\n";
    const output = migrate(source, 'handler.js', all);
    // a callback handler's second parameter is its context: nothing to add
    expect(output).toContain('\nexports.handler = function (event, callback) {\n');
    const added = migrate(source.replace('function (event, callback)', 'function (event)').replace('callback(null, seen.length)', 'return seen.length'), 'handler.js', all);
    expect(added).toContain('\nexports.handler = function (event, context) {\n  invocationCount += 1;\n');
    expect(added).toContain("\n  const seen = [];\n  seen.push(event.id);\n  fs.writeFileSync('/tmp/seen.txt', seen.join());\n  return seen.length;\n};\n");
  });
});

describe('left to recast', () => {
  it('an arrow function, whose printed form is the usual one', () => {
    expect(migrate('exports.handler = async event => {\n  return event;\n};\n')).toContain('\nexports.handler = async (event, context) => {\n');
  });

  it('a comment in the header that belongs to no parameter is printed once', () => {
    const output = migrate('exports.handler = async function /* all */ () {\n  return 1;\n};\n');
    expect(output.match(/\/\* all \*\//g)).toHaveLength(1);
    expect(output).toContain('(_event, context)');
  });

  it('a line comment after the last parameter stays a line of its own', () => {
    const output = migrate('exports.handler = async function (event // the request\n) {\n  return 1;\n};\n');
    expect(output.match(/\/\/ the request/g)).toHaveLength(1);
    expect(output).toMatch(/\(\s*\/\/ the request\n\s*event,\n\s*context\n\)/);
  });
});
