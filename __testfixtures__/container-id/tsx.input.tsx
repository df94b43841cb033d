import { renderToString } from 'react-dom/server';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

function Page({ path }: { path: string }) {
  return <main>{path}</main>;
}

export async function handler(event: APIGatewayProxyEventV2) {
  return { statusCode: 200, headers: { 'content-type': 'text/html' }, body: renderToString(<Page path={event.rawPath} />) };
}
