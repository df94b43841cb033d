import * as fs from 'fs';
import * as path from 'path';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';

const UPLOADS = path.join('/tmp', 'lcs-tmp-ts-async-namespace') as string;

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm(UPLOADS, { recursive: true, force: true });
  await fs.promises.mkdir(UPLOADS, { recursive: true });
  await fs.promises.writeFile(path.join(UPLOADS, event.path.replace(/\W/g, '_')), event.body ?? '');
  const names = await fs.promises.readdir(UPLOADS);
  return { statusCode: 200, body: names.join(',') };
};
