import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';

const TMP = tmpdir();
const WORK = join(TMP, 'lcs-tmp-constants-through-scope');
const RESULTS = `${WORK}/results`;

export function handler(event) {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  rmSync(RESULTS, { recursive: true, force: true });
  if (!existsSync(RESULTS)) mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${event.id}.out`), 'done');
  return readdirSync(RESULTS).length;
}
