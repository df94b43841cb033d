import middy from '@middy/core';
import { writeFile, rm } from 'node:fs/promises';

const baseHandler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await rm('/tmp/lcs-tmp-middy-expression-body.json', { force: true });
  return writeFile('/tmp/lcs-tmp-middy-expression-body.json', JSON.stringify(event), { flag: 'wx' });
};

export const handler = middy(baseHandler);
