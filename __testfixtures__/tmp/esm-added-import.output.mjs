// Keeps a running list of visitors.
import * as fs from 'node:fs';

import { appendFile, readFile } from 'node:fs/promises';

export const handler = (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  fs.rmSync('/tmp/lcs-tmp-esm-added-import.txt', { force: true });
  return appendFile('/tmp/lcs-tmp-esm-added-import.txt', `${event.visitor}\n`).then(() => readFile('/tmp/lcs-tmp-esm-added-import.txt', 'utf8'));
};
