import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import type { Handler } from 'aws-lambda';

export const handler: Handler<{ line: string }, string> = (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  rmSync('/tmp/lcs-tmp-promise-added-import.txt', { force: true });
  appendFileSync('/tmp/lcs-tmp-promise-added-import.txt', event.line);
  return Promise.resolve(readFileSync('/tmp/lcs-tmp-promise-added-import.txt', 'utf8'));
};
