import middy from '@middy/core';
import { writeFile } from 'node:fs/promises';

const baseHandler = async (event) => writeFile('/tmp/lcs-tmp-middy-expression-body.json', JSON.stringify(event), { flag: 'wx' });

export const handler = middy(baseHandler);
