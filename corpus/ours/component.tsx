// A .tsx handler that renders a component to a string: JSX and generics in one file.
import * as React from 'react';
import { renderToString } from 'react-dom/server';
import type { APIGatewayProxyHandlerV2 } from 'aws-lambda';

const rendered: string[] = [];

function Page<T extends { title: string }>({ item }: { item: T }) {
  return <h1 className="title">{item.title}</h1>;
}

export const handler: APIGatewayProxyHandlerV2 = async (event) => {
  const html = renderToString(<Page item={{ title: event.rawPath }} />);
  rendered.push(html);
  return { statusCode: 200, body: `${rendered.length}: ${html}` };
};
