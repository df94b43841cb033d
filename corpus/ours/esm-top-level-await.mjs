// ESM with top-level await: configuration loaded once per environment, per-request state
// that leaks, and a handler exported by name.
import { readFile } from 'node:fs/promises';

const config = JSON.parse(await readFile(new URL('./config.json', import.meta.url), 'utf8').catch(() => '{}'));
const seen = new Set();
let requests = 0;

export async function handler(event, context) {
  requests += 1;
  for (const id of event.ids ?? []) seen.add(id);
  return { requests, seen: [...seen], region: config.region ?? 'none' };
}
