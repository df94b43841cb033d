import { openSync, writeSync, readFileSync } from 'node:fs';

let fd;

export const handler = async (event) => {
  fd ??= openSync('/tmp/lcs-tmp-lazy-fd.log', 'a');
  writeSync(fd, `${event.id}\n`);
  return readFileSync('/tmp/lcs-tmp-lazy-fd.log', 'utf8');
};
