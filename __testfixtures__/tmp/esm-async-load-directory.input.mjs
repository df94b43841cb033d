import fs from 'node:fs';
import path from 'node:path';

const WORK_DIR = '/tmp/lcs-tmp-esm-async-load-directory';

// created once, when the environment starts
fs.mkdirSync(WORK_DIR, { recursive: true });

export const handler = async (event) => {
  await fs.promises.writeFile(path.join(WORK_DIR, `${event.name}.txt`), event.body);
  const files = await fs.promises.readdir(WORK_DIR);
  return { count: files.length };
};
