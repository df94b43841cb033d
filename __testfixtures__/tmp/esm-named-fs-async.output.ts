import { rm } from 'node:fs/promises';
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';

interface ExportEvent {
  batch: string;
}

const EXPORT_DIR = '/tmp/lcs-tmp-esm-named-fs-async';
const MANIFEST = '/tmp/lcs-tmp-esm-named-fs-async.jsonl';

export const handler = async (event: ExportEvent) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await rm(EXPORT_DIR, { recursive: true, force: true });
  await rm(MANIFEST, { force: true });
  mkdirSync(EXPORT_DIR, { recursive: true });
  appendFileSync(`${EXPORT_DIR}/${event.batch}.csv`, `${event.batch}\n`);
  appendFileSync(MANIFEST, `${event.batch}\n`);
  await Promise.resolve();
  return { files: readdirSync(EXPORT_DIR).sort(), manifest: readFileSync(MANIFEST, 'utf8') };
};
