// A handler body handed to a wrapper the tool does not know, under a first parameter that
// is not an event's (`forEachRecord(async (record) => ...)`), may be called once per record:
// code added at its top would run several times in one invocation. It is left as it is and
// reported; the same function with an `event` parameter, or inside middy, is migrated.
import { applyTransforms } from '../src/analysis/applyTransforms';
import { TRANSFORM_ORDER } from '../src/analysis/types';
import { loadTransform } from '../transforms';

const all = () => TRANSFORM_ORDER.map(loadTransform);
const body = (param: string) =>
  `const seen = new Set();\n\nasync (${param}) => {\n  if (seen.has(${param}.body)) return;\n  seen.add(${param}.body);\n  console.log('sending', ${param}.body);\n}`;

describe('a handler handed to a wrapper', () => {
  it('is left as it is when its first parameter is not an event', () => {
    const source = `const { forEachRecord } = require('lambda-batch');\n${body('record').replace('\n\nasync', '\n\nexports.handler = forEachRecord(async') + ');\n'}`;
    const result = applyTransforms(source, 'batch.js', { transforms: all() });
    expect(result.error).toBeUndefined();
    expect(result.handlers).toEqual(['handler']);
    expect(result.output).toBeNull();
    expect(result.changes).toEqual([]);
    expect(result.review.map((r) => r.kind)).toEqual(['wrapped-handler']);
    expect(result.review[0].message).toContain('`handler` is the function handed to `forEachRecord(...)`, whose first parameter is `record`');
  });

  it('is migrated when its first parameter is an event', () => {
    const source = `const { withAudit } = require('./audit');\n${body('event').replace('\n\nasync', '\n\nexports.handler = withAudit(async') + ');\n'}`;
    const result = applyTransforms(source, 'audit.js', { transforms: all() });
    expect(result.review.map((r) => r.kind)).not.toContain('wrapped-handler');
    expect(result.changes.map((c) => c.kind)).toContain('move');
  });

  it('is migrated inside middy, whatever its parameter is called', () => {
    const source = `const middy = require('@middy/core');\n${body('req').replace('\n\nasync', '\n\nconst base = async') + ';\nexports.handler = middy(base).use({});\n'}`;
    const result = applyTransforms(source, 'm.js', { transforms: all() });
    expect(result.review.map((r) => r.kind)).not.toContain('wrapped-handler');
    expect(result.changes.map((c) => c.kind)).toContain('move');
  });

  it('is judged by the first parameter after those `.bind` fills, and left as it is when a spread hides it', () => {
    const bound = (param: string, bind: string) =>
      `const { forEachRecord } = require('lambda-batch');\nconst seen = new Set();\n\nasync function send(deps, ${param}) {\n  if (seen.has(${param}.body)) return;\n  seen.add(${param}.body);\n  deps.log('sending', ${param}.body);\n}\n\nexports.handler = forEachRecord(send.bind(${bind}));\n`;
    const perRecord = applyTransforms(bound('record', 'null, console'), 'batch.js', { transforms: all() });
    expect(perRecord.output).toBeNull();
    expect(perRecord.review[0].message).toContain('whose first parameter is `record`');
    const perEvent = applyTransforms(bound('event', 'null, console'), 'batch.js', { transforms: all() });
    expect(perEvent.review.map((r) => r.kind)).not.toContain('wrapped-handler');
    expect(perEvent.changes.map((c) => c.kind)).toContain('move');
    const spread = applyTransforms(bound('event', 'null, ...[console]'), 'batch.js', { transforms: all() });
    expect(spread.output).toBeNull();
    expect(spread.review.map((r) => r.kind)).toEqual(['wrapped-handler']);
    expect(spread.review[0].message).toContain('which of its parameters the wrapper fills is not known (arguments are bound to it with a spread');
  });
});
