import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

interface ExportEvent {
  batch: string;
}

const EXPORT_DIR = '/tmp/lcs-tmp-esm-named-fs-async';
const MANIFEST = '/tmp/lcs-tmp-esm-named-fs-async.jsonl';

export const handler = async (event: ExportEvent) => {
  mkdirSync(EXPORT_DIR, { recursive: true });
  appendFileSync(`${EXPORT_DIR}/${event.batch}.csv`, `${event.batch}\n`);
  appendFileSync(MANIFEST, `${event.batch}\n`);
  await Promise.resolve();
  return { files: readdirSync(EXPORT_DIR).sort(), manifest: readFileSync(MANIFEST, 'utf8') };
};
