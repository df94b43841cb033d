// A second run over a migrated module changes nothing, also when module state shares a name
// with a key of the line container-id logs (`{ message: ..., requestId: ... }`): a property
// name there is no use of the state, so the reset below the log line still counts as the
// first thing the handler does with it.
import { applyTransforms } from '../src/analysis/applyTransforms';
import { TRANSFORM_ORDER } from '../src/analysis/types';
import { selectTransforms } from '../src/engine/selectTransforms';

const transforms = selectTransforms([...TRANSFORM_ORDER]);

describe.each([
  ['requestId', 'let requestId = null;\nfunction prefix() { return `[${requestId}]`; }\nexports.handler = async (event) => {\n  requestId = event.requestId;\n  return prefix() + " ok";\n};\n'],
  ['message', "let message = '';\nconst say = () => message;\nexports.handler = async (event) => {\n  message += event.text;\n  return say();\n};\n"],
  ['invocation', 'let invocation = 0;\nconst current = () => invocation;\nexports.handler = async (event) => {\n  invocation += 1;\n  return { n: current(), id: event.id };\n};\n'],
])('state named %s', (_name, source) => {
  it('migrates once: a second run changes nothing', () => {
    const first = applyTransforms(source, 'handler.js', { transforms });
    expect(first.error).toBeUndefined();
    expect(first.output).not.toBeNull();
    const second = applyTransforms(first.output!, 'handler.js', { transforms });
    expect(second.error).toBeUndefined();
    expect(second.changes).toEqual([]);
    expect(second.output).toBeNull();
  });
});
