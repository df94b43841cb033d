import { appendFileSync, readFileSync } from 'node:fs';
import type { Handler } from 'aws-lambda';

export const handler: Handler<{ line: string }, string> = (event) => {
  appendFileSync('/tmp/lcs-tmp-promise-added-import.txt', event.line);
  return Promise.resolve(readFileSync('/tmp/lcs-tmp-promise-added-import.txt', 'utf8'));
};
