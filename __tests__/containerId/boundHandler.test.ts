// A handler exported as a bound function (`main.bind(null, deps)`) gets Lambda's event and
// context after the bound arguments; when that position is not known, container-id leaves
// the handler as it is and says why rather than read the request id from a guessed one.
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { loadTransform } from '../../transforms';

const migrate = (source: string, handlerNames?: string[]) => applyTransforms(source, 'handler.js', { transforms: [loadTransform('container-id')], handlerNames });

it('adds the missing context after the event, past the bound arguments', () => {
  const result = migrate('function main(deps, event) {\n  return deps.get(event.id);\n}\nexports.handler = main.bind(null, deps);\n');
  expect(result.output).toContain('function main(deps, event, context) {');
  expect(result.output).toContain('requestId: context?.awsRequestId');
});

it('names a placeholder for an argument that is bound but not declared, and one for the event', () => {
  const result = migrate('function main() {\n  return 1;\n}\nexports.handler = main.bind(null, deps);\n');
  expect(result.output).toContain('function main(_arg0, _event, context) {');
});

it.each([
  ['a spread among the bound arguments', 'async function main(deps, event, context) {\n  return event;\n}\nexports.handler = main.bind(null, ...deps);\n', undefined],
  ['one function exported both bound and not', 'async function main(deps, event, context) {\n  return event;\n}\nexports.handler = main.bind(null, deps);\nexports.direct = main;\n', ['handler', 'direct']],
])('leaves the handler as it is, and says why, for %s', (_label, source, names) => {
  const result = migrate(source, names);
  expect(result.output).toBeNull();
  expect(result.review).toEqual([
    expect.objectContaining({
      transform: 'container-id',
      kind: 'context-unavailable',
      message: 'No container-id log in handler `handler`: which of its parameters receives the Lambda context is not known: arguments are bound to it with a spread (`.bind(thisArg, ...args)`), or it is exported both with bound arguments and without.',
    }),
  ]);
});
