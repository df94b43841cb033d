import fs = require('node:fs');
import type { Handler } from 'aws-lambda';

const SEEN = '/tmp/lcs-tmp-ts-import-equals-esm-exports.txt';

export const handler: Handler<{ line: string }, string> = async (event) => {
  fs.appendFileSync(SEEN, `${event.line}\n`);
  return fs.readFileSync(SEEN, 'utf8');
};
