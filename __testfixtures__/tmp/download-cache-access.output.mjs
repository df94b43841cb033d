import { access, writeFile, readFile } from 'node:fs/promises';

const CACHE_FILE = '/tmp/lcs-tmp-download-cache-access.json';

async function loadTable() {
  try {
    await access(CACHE_FILE);
  } catch {
    const response = await fetch('https://example.com/table.json');
    await writeFile(CACHE_FILE, await response.text());
  }
  return JSON.parse(await readFile(CACHE_FILE, 'utf8'));
}

export const handler = async (event) => {
  const table = await loadTable();
  return table[event.key];
};
