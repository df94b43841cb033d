// The `context` object Lambda's Node runtime passes as the second argument, built from
// the environment variables the parent sets as Lambda does (see lambdaEnvironment.ts).
import { SIMULATED_FUNCTION_NAME } from './lambdaEnvironment';

export interface LambdaContext {
  callbackWaitsForEmptyEventLoop: boolean;
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  getRemainingTimeInMillis(): number;
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

export interface Settlement {
  done(error?: unknown, result?: unknown): void;
  succeed(result?: unknown): void;
  fail(error: unknown): void;
}

/** Request ids are the same for the warm and the cold run of one event (index), so that a
 * handler which returns or stores its request id differs only when something really leaks. */
export function requestIdFor(index: number): string {
  return `5eed0000-0000-4000-8000-${(index + 1).toString(16).padStart(12, '0')}`;
}

export function createLambdaContext(index: number, timeoutMs: number, settlement: Settlement): LambdaContext {
  const env = process.env;
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME ?? SIMULATED_FUNCTION_NAME;
  const region = env.AWS_REGION ?? 'us-east-1';
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION ?? '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:123456789012:function:${functionName}`,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE ?? '128',
    awsRequestId: requestIdFor(index),
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME ?? `/aws/lambda/${functionName}`,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME ?? '2025/01/01/[$LATEST]00000000000000000000000000000000',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: settlement.done,
    succeed: settlement.succeed,
    fail: settlement.fail,
  };
}
