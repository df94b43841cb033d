// Help text of the SARIF rule for each transform: what leaks on a warm start, what the
// migration changes, and how to keep code as it is. Code scanning shows it beside every
// result; the one-line description comes from the transform itself.
import type { TransformName } from '../../analysis/types';

export interface RuleHelp {
  /** PascalCase rule name (SARIF `rule.name`). */
  name: string;
  /** Markdown; the plain-text help is derived from it. */
  markdown: string;
}

const KEEP_AS_IT_IS =
  'To keep a declaration as it is, put `// lambda-clean-slate-ignore` on the line before it or at the end of its line; ' +
  '`// lambda-clean-slate-disable` among the comments above the first line of code of a file skips the file.';

export const RULE_HELP: Record<TransformName, RuleHelp> = {
  globals: {
    name: 'PerInvocationState',
    markdown:
      'Lambda freezes an execution environment after an invocation and may reuse it for the next one: ' +
      'module-level variables keep their values. State that a handler changes (a list that grows, a `Set` of seen ids, ' +
      "a counter, a user's session) then leaks into the next request.\n\n" +
      '`lambda-clean-slate migrate --write` moves such a declaration into the handler when only the handler uses it, ' +
      'or resets it as the first statement of the handler when helper functions share it. Constants, clients and lazy ' +
      'caches are kept (`--cache-ttl SECONDS` gives lazy caches an expiry).\n\n' +
      KEEP_AS_IT_IS,
  },
  tmp: {
    name: 'TmpCleanup',
    markdown:
      'Files under `/tmp` survive between invocations of a reused environment: a listing grows, a log keeps its old lines, ' +
      "a stale file is read as if it were this request's.\n\n" +
      '`lambda-clean-slate migrate --write` adds, at the top of the handler, statements that remove the static `/tmp` paths ' +
      'the handler writes (and create directories again), so each invocation starts with `/tmp` as a cold start has it. ' +
      'It never removes `/tmp` itself, a path with a dynamic part or `..`, or a download cache the code checks for first.\n\n' +
      KEEP_AS_IT_IS,
  },
  clients: {
    name: 'ClientValidityCheck',
    markdown:
      'Clients created at module level are rightly reused across invocations, but a connection can be lost while the ' +
      "environment is frozen: the next invocation fails, or an unhandled `'error'` event crashes the process.\n\n" +
      '`lambda-clean-slate migrate --write` keeps the client at module level (created once per environment), moves its ' +
      'initializer into a factory that listens for lost connections, and re-creates it at the top of the handler only when ' +
      "a cheap, local check of the library's public API says it can no longer be used (pg, mysql2, ioredis, redis). " +
      'AWS SDK clients recover by themselves and are left alone.\n\n' +
      KEEP_AS_IT_IS,
  },
  'container-id': {
    name: 'ContainerReuseLogging',
    markdown:
      'Without a per-environment id in the logs, a bug caused by a warm start looks random. ' +
      '`lambda-clean-slate migrate --write` adds an id created once per execution environment and an invocation counter, ' +
      'and logs one structured line per invocation (container id, invocation number, `coldStart`, request id) through ' +
      '`console.log` or the module\'s Powertools `Logger`. It never logs the event, headers or environment variables.',
  },
};

/** The Markdown help as plain text (code spans without their backticks). */
export function plainText(markdown: string): string {
  return markdown.replace(/`([^`]*)`/g, '$1');
}
