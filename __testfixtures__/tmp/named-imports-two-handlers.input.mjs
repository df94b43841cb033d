import { existsSync, writeFileSync } from 'node:fs';

export const create = async (event) => {
  const existed = existsSync('/tmp/lcs-tmp-named-imports-two-handlers-create.json');
  writeFileSync('/tmp/lcs-tmp-named-imports-two-handlers-create.json', JSON.stringify(event));
  return { existed };
};

export const handler = async (event) => {
  const existed = existsSync('/tmp/lcs-tmp-named-imports-two-handlers.json');
  writeFileSync('/tmp/lcs-tmp-named-imports-two-handlers.json', JSON.stringify(event));
  return { existed };
};
