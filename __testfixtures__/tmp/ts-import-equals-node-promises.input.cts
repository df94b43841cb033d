import fsp = require('node:fs/promises');

const LOG = '/tmp/lcs-tmp-ts-import-equals-node-promises/requests.log';

exports.handler = async (event: { id: string }) => {
  await fsp.mkdir('/tmp/lcs-tmp-ts-import-equals-node-promises', { recursive: true });
  await fsp.appendFile(LOG, `${event.id}\n`);
  return fsp.readFile(LOG, 'utf8');
};
