import fs = require('node:fs');
import type { Handler } from 'aws-lambda';

const SEEN = '/tmp/lcs-tmp-ts-import-equals-esm-exports.txt';

export const handler: Handler<{ line: string }, string> = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm(SEEN, { force: true });
  fs.appendFileSync(SEEN, `${event.line}\n`);
  return fs.readFileSync(SEEN, 'utf8');
};
