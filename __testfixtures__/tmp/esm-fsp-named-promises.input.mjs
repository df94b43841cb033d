import { promises as fsp } from 'fs';

const LOG = '/tmp/lcs-tmp-esm-fsp-named-promises/requests.log';

export async function handler(event) {
  await fsp.mkdir('/tmp/lcs-tmp-esm-fsp-named-promises', { recursive: true });
  await fsp.appendFile(LOG, `${event.id}\n`);
  return fsp.readFile(LOG, 'utf8');
}
