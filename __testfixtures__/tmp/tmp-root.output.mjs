import fs from 'node:fs';
import os from 'node:os';
import { extract } from './archive.mjs';

export const handler = async (event) => {
  fs.mkdirSync('/tmp', { recursive: true });
  fs.mkdirSync(os.tmpdir() + '/', { recursive: true });
  await extract(event.archive, os.tmpdir());
  const dir = fs.mkdtempSync(`${os.tmpdir()}/job-`);
  fs.writeFileSync(`${dir}/input`, event.body);
  return dir;
};
