import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

const LOG_DIR = '/tmp/lcs-tmp-esm-named-fs-sync';
mkdirSync(LOG_DIR, { recursive: true });

export function handler(event: { id: string }) {
  appendFileSync(`${LOG_DIR}/run.log`, `${event.id}\n`);
  return { files: readdirSync(LOG_DIR), log: readFileSync(`${LOG_DIR}/run.log`, 'utf8') };
}
