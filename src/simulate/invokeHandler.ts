// One invocation as Lambda's Node runtime performs it: the handler is called with
// (event, context, callback); whichever comes first of the returned promise, the callback
// or context.done/succeed/fail gives the result. Response-streaming handlers
// (`awslambda.streamifyResponse`) get a writable response stream instead of the callback.
import { Writable } from 'node:stream';
import { createLambdaContext } from './lambdaContext';
import type { ErrorInfo, InvocationOutcome } from './types';

/** The marker Lambda's runtime puts on a streamified handler. */
const STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const PRELUDE = Symbol('http response prelude');

type HandlerFunction = ((...args: any[]) => unknown) & { [STREAMING]?: string };

/** The `awslambda` global that Lambda's Node runtime provides to handler modules. */
export function installLambdaGlobal(): void {
  const scope = globalThis as any;
  if (scope.awslambda) return;
  scope.awslambda = {
    streamifyResponse(fn: HandlerFunction) {
      fn[STREAMING] = 'response';
      return fn;
    },
    HttpResponseStream: {
      from(stream: any, prelude: unknown) {
        stream[PRELUDE] = prelude;
        return stream;
      },
    },
  };
}

/**
 * Runs one invocation. `processFailure` settles when the process reports an uncaught
 * exception or unhandled rejection, which fails the invocation that is running, as in Lambda.
 */
export function invokeHandler(handler: HandlerFunction, event: unknown, index: number, timeoutMs: number, processFailure: Promise<unknown>): Promise<InvocationOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const succeed = (value?: unknown) => {
      if (!settled) resolve(outcomeOf(value));
      settled = true;
    };
    const fail = (error: unknown) => {
      if (!settled) resolve({ status: 'error', error: errorInfo(error) });
      settled = true;
    };
    const done = (error?: unknown, value?: unknown) => (error === null || error === undefined ? succeed(value) : fail(error));
    const context = createLambdaContext(index, timeoutMs, { done, succeed, fail });
    processFailure.then(fail);
    try {
      if (handler[STREAMING] === 'response') {
        invokeStreaming(handler, event, context, succeed, fail);
        return;
      }
      const returned = handler(event, context, done);
      if (isThenable(returned)) returned.then(succeed, fail);
      // a synchronous handler that takes no callback has answered by returning
      else if (handler.length < 3) succeed(returned);
    } catch (error) {
      fail(error);
    }
  });
}

function invokeStreaming(handler: HandlerFunction, event: unknown, context: unknown, succeed: (value: unknown) => void, fail: (error: unknown) => void): void {
  const chunks: Buffer[] = [];
  const responseStream: Writable & { [PRELUDE]?: unknown } = new Writable({
    write(chunk, _encoding, next) {
      chunks.push(Buffer.from(chunk));
      next();
    },
  });
  responseStream.on('finish', () => {
    const body = Buffer.concat(chunks).toString('utf8');
    const prelude = responseStream[PRELUDE];
    succeed(prelude === undefined ? body : { prelude, body });
  });
  responseStream.on('error', fail);
  const returned = handler(event, responseStream, context);
  const end = () => {
    if (!responseStream.writableEnded) responseStream.end();
  };
  if (isThenable(returned)) returned.then(end, fail);
  else end();
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return !!value && (typeof value === 'object' || typeof value === 'function') && typeof (value as any).then === 'function';
}

/** The response as Lambda sends it: JSON, with `undefined` as null. */
function outcomeOf(value: unknown): InvocationOutcome {
  try {
    const text = JSON.stringify(value);
    return { status: 'ok', value: text === undefined ? null : JSON.parse(text) };
  } catch (error) {
    return { status: 'error', error: { name: 'Runtime.ResponseSerializationError', message: (error as Error).message } };
  }
}

export function errorInfo(error: unknown): ErrorInfo {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  if (error && typeof error === 'object' && 'message' in error) {
    return { name: String((error as any).name ?? 'Error'), message: String((error as any).message) };
  }
  return { name: typeof error, message: String(error) };
}
