import { randomUUID } from 'node:crypto';
import { renderToString } from 'react-dom/server';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID();
let invocationCount = 0;

function Page({ path }: { path: string }) {
  return <main>{path}</main>;
}

export async function handler(event: APIGatewayProxyEventV2, context?: Context) {
  invocationCount += 1;
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: renderToString(<Page path={event.rawPath} />) };
}
