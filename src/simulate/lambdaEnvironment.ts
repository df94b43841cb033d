// The environment variables Lambda sets for a function, so that handlers (and SDK clients
// built at load time) see what they would see there. Variables the user already has, and
// those passed with `env`, win.
/** One name for every file, so that a handler and its migrated copy see the same context. */
export const SIMULATED_FUNCTION_NAME = 'simulated-function';

export function lambdaEnvironment(taskRoot: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const functionName = SIMULATED_FUNCTION_NAME;
  const region = process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const lambda: Record<string, string> = {
    AWS_LAMBDA_FUNCTION_NAME: functionName,
    AWS_LAMBDA_FUNCTION_VERSION: '$LATEST',
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '128',
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${functionName}`,
    AWS_LAMBDA_LOG_STREAM_NAME: '2025/01/01/[$LATEST]00000000000000000000000000000000',
    AWS_EXECUTION_ENV: `AWS_Lambda_nodejs${process.versions.node.split('.')[0]}.x`,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    LAMBDA_TASK_ROOT: taskRoot,
    // os.tmpdir() is /tmp on Lambda, which is also where the removed paths are
    TMPDIR: '/tmp',
  };
  return { ...lambda, ...process.env, TMPDIR: '/tmp', ...extra };
}
