// Unit tests and other handlers often call a handler with the event alone; the log line
// container-id adds must not make such a call throw.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { loadTransform } from '../../transforms';

it('a migrated handler still runs when called without a context', async () => {
  const source = `exports.handler = async (event) => ({ id: event.id });\n`;
  const result = applyTransforms(source, 'handler.js', { transforms: [loadTransform('container-id')] });
  expect(result.output).toContain('context?.awsRequestId');

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-no-context-'));
  const file = path.join(dir, 'handler.js');
  fs.writeFileSync(file, result.output!);
  const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
  try {
    const { handler } = require(file);
    await expect(handler({ id: 7 })).resolves.toEqual({ id: 7 });
    expect(JSON.parse(log.mock.calls[0][0])).toMatchObject({ invocation: 1, coldStart: true });
  } finally {
    log.mockRestore();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
