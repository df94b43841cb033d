import * as fs from 'node:fs';

export const handler = async (event) => {
  fs.mkdirSync('/tmp/lcs-tmp-mkdir-eexist');
  fs.writeFileSync('/tmp/lcs-tmp-mkdir-eexist/body.txt', event.body);
  return fs.readdirSync('/tmp/lcs-tmp-mkdir-eexist');
};
