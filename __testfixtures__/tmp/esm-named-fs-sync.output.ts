import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';

const LOG_DIR = '/tmp/lcs-tmp-esm-named-fs-sync';
mkdirSync(LOG_DIR, { recursive: true });

export function handler(event: { id: string }) {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  appendFileSync(`${LOG_DIR}/run.log`, `${event.id}\n`);
  return { files: readdirSync(LOG_DIR), log: readFileSync(`${LOG_DIR}/run.log`, 'utf8') };
}
