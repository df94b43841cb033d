// Keeps a running list of visitors.
import { appendFile, readFile } from 'node:fs/promises';

export const handler = (event) =>
  appendFile('/tmp/lcs-tmp-esm-added-import.txt', `${event.visitor}\n`).then(() => readFile('/tmp/lcs-tmp-esm-added-import.txt', 'utf8'));
