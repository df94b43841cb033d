import * as fs from 'node:fs';

export const handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm('/tmp/lcs-tmp-mkdir-eexist', { recursive: true, force: true });
  fs.mkdirSync('/tmp/lcs-tmp-mkdir-eexist');
  fs.writeFileSync('/tmp/lcs-tmp-mkdir-eexist/body.txt', event.body);
  return fs.readdirSync('/tmp/lcs-tmp-mkdir-eexist');
};
