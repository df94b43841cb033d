import { appendFileSync, readFileSync } from 'node:fs';

const A_LOG = '/tmp/lcs-tmp-esm-named-fs-two-handlers-a.log';
const B_LOG = '/tmp/lcs-tmp-esm-named-fs-two-handlers-b.log';

export const handler = async (event) => {
  appendFileSync(A_LOG, `${event.id}\n`);
  await Promise.resolve();
  return readFileSync(A_LOG, 'utf8');
};

export const other = async (event) => {
  appendFileSync(B_LOG, `${event.id}\n`);
  return readFileSync(B_LOG, 'utf8');
};
