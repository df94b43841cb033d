import type { Context } from 'aws-lambda';
import fs = require('fs');
import os = require('os');
import path = require('path');

const REPORT = path.join(os.tmpdir(), 'lcs-tmp-ts-import-equals-path-os.log');

exports.handler = async (event: { id: string }, context?: Context) => {
  await fs.promises.appendFile(REPORT, `${event.id}\n`);
  return { lines: (await fs.promises.readFile(REPORT, 'utf8')).split('\n').filter(Boolean) };
};
