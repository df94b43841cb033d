import { rm } from 'node:fs/promises';
import { existsSync, writeFileSync } from 'node:fs';

export const create = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await rm('/tmp/lcs-tmp-named-imports-two-handlers-create.json', { force: true });
  const existed = existsSync('/tmp/lcs-tmp-named-imports-two-handlers-create.json');
  writeFileSync('/tmp/lcs-tmp-named-imports-two-handlers-create.json', JSON.stringify(event));
  return { existed };
};

export const handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await rm('/tmp/lcs-tmp-named-imports-two-handlers.json', { force: true });
  const existed = existsSync('/tmp/lcs-tmp-named-imports-two-handlers.json');
  writeFileSync('/tmp/lcs-tmp-named-imports-two-handlers.json', JSON.stringify(event));
  return { existed };
};
