import { appendFile, mkdir, readFile, rm } from 'node:fs/promises';

const OUT_DIR = '/tmp/lcs-tmp-named-promises-imports';

export const handler = async (event) => {
  await mkdir(OUT_DIR, { recursive: true });
  await appendFile(`${OUT_DIR}/seen.txt`, `${event.id};`);
  const seen = await readFile(`${OUT_DIR}/seen.txt`, 'utf8');
  await rm(`${OUT_DIR}/unused`, { force: true });
  return seen;
};
