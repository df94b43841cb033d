// Wrapped handlers: middy, a custom wrapper, and response streaming.
import middy from '@middy/core';

const history = [];

const base = async (event) => {
  history.push(event.id);
  return history.length;
};

const withTiming = (fn) => async (...args) => fn(...args);

export const handler = middy(base);
export const timed = withTiming(async (event) => {
  history.push(event.id);
  return history;
});
export const streamed = awslambda.streamifyResponse(async (event, responseStream) => {
  responseStream.write(String(history.length));
  responseStream.end();
});
