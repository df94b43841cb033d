// container-id: makes container reuse visible in the logs.
//
// What it changes, once per handler module:
// - after the imports, an id for the execution environment (`randomUUID()` from
//   `node:crypto`, run when the module loads, so one per environment) and an invocation
//   counter, shared by every handler of the module;
// - at the top of each handler, one structured log line: the container id, the invocation
//   number, `coldStart` (first invocation in this environment) and the request id from the
//   context (a `context` parameter is added when the handler has none);
// - with a Powertools `Logger` at module level: `logger.appendPersistentKeys({ containerId })`
//   once (persistent keys survive `resetKeys`; `addPersistentLogAttributes` when the project's
//   Logger is older than 2.8, which has no `appendPersistentKeys`) and `logger.info(...)` instead of `console.log`.
//
// What it never does: log the event, headers or environment variables; call Powertools'
// `addContext` or `getColdStart` (either would flip its own `cold_start` flag); guess the
// request id of a handler that destructures its context without `awsRequestId` (reported
// instead); add a second id or counter (a second run recognises its own code).
//
// Input:
//   exports.handler = async (event) => {
//     return ok(event);
//   };
// Output:
//   const { randomUUID } = require('node:crypto');
//   // One id per execution environment: a repeated id in the logs means a warm start.
//   const containerId = randomUUID();
//   let invocationCount = 0;
//   exports.handler = async (event, context) => {
//     invocationCount += 1;
//     console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }));
//     return ok(event);
//   };
import type { Collection, JSCodeshift } from 'jscodeshift';
import { ensureContextParam, destructuredProperty } from '../src/analysis/handlerParams';
import { CRYPTO_MODULE, findContainerIdCode, incrementsCounter, singleDeclarator, type ContainerIdCode } from '../src/analysis/containerIdCode';
import { findModuleBinding, freeName } from '../src/analysis/imports';
import { indexAfterImports, insertInModule, prependToHandler } from '../src/analysis/insert';
import { ensureNamedImport } from '../src/analysis/namedImport';
import { parserFor } from '../src/analysis/parser';
import { findPowertoolsLogger, PERSISTENT_KEYS_METHODS, persistentKeysMethod, type ModuleLogger } from '../src/analysis/powertoolsLogger';
import { parseStatements, quoted, semicolon } from '../src/analysis/snippet';
import { asJscodeshiftTransform } from '../src/analysis/standalone';
import type { CodeStyle, HandlerInfo, Transform, TransformContext } from '../src/analysis/types';
import { shadowedAtTopOf } from '../src/analysis/lexicalScope';
import { programPath } from '../src/analysis/scope';

const ID_COMMENT = '// One id per execution environment: a repeated id in the logs means a warm start.';
/** The log line's key for the id, whatever the local binding is called. */
const ID_KEY = 'containerId';

/** The module-level bindings the log lines use. */
type Instrumentation = Pick<ContainerIdCode, 'idName' | 'counterName'>;

/** A handler that gets a log line, with the expression that reads its request id. */
interface PendingHandler {
  handler: HandlerInfo;
  requestId: string;
  addedParam: string | null;
}

function programBody(j: JSCodeshift, root: Collection<any>): any[] {
  return programPath(j, root)!.node.body;
}

function isInstrumented(handler: HandlerInfo, counterName: string): boolean {
  const body: any = handler.fn.node.body;
  return body.type === 'BlockStatement' && body.body.some((stmt: any) => incrementsCounter(stmt, counterName));
}

/** `logger.appendPersistentKeys({ containerId })` (or the older method) is already at module level. */
function hasPersistentId(j: JSCodeshift, root: Collection<any>, logger: ModuleLogger, idName: string): boolean {
  return programBody(j, root).some((stmt) => {
    const call = stmt.type === 'ExpressionStatement' ? stmt.expression : null;
    if (call?.type !== 'CallExpression' || call.callee.type !== 'MemberExpression') return false;
    const { object, property } = call.callee;
    if (object.type !== 'Identifier' || object.name !== logger.name || !PERSISTENT_KEYS_METHODS.includes(property.name)) return false;
    return j(call).find(j.Identifier, { name: idName }).size() > 0;
  });
}

/** Makes the request id readable at the top of the handler, or says why it cannot be. */
function requestIdOf(ctx: TransformContext, handler: HandlerInfo): { requestId: string; addedParam: string | null } | { reason: string } {
  const typescript = parserFor(ctx.filePath) !== 'babel';
  const access = ensureContextParam(ctx.j, ctx.root, handler, typescript);
  if (access.kind === 'identifier') {
    // `?.`: unit tests and other handlers often call a handler with the event alone
    const object = typescript && !access.added ? readableAsContext(handler, access.name) : access.name;
    return { requestId: `${object}?.awsRequestId`, addedParam: access.added ? access.name : null };
  }
  if (access.kind === 'pattern') {
    const local = destructuredProperty(access.pattern, 'awsRequestId');
    if (local) return { requestId: local, addedParam: null };
    return { reason: 'its context parameter is destructured without `awsRequestId`; add `awsRequestId` to the pattern to log the request id' };
  }
  return { reason: access.reason };
}

/** The context parameter `name` as an expression TypeScript lets `?.awsRequestId` read:
 * the name itself when its type may be a Lambda context (no annotation, `any`, a type named
 * `Context` or `...Context`, or a type literal with `awsRequestId`), else cast to what the
 * log line reads (`_context: unknown` has no `awsRequestId` to TypeScript, nor has a
 * parameter typed by its default value, `dryRun = false`). */
function readableAsContext(handler: HandlerInfo, name: string): string {
  const written: any = (handler.fn.node.params ?? []).find((p: any) => (p.type === 'AssignmentPattern' ? p.left : p).name === name);
  const param = written?.type === 'AssignmentPattern' ? written.left : written;
  const type = param?.typeAnnotation?.typeAnnotation;
  const target = '{ awsRequestId?: string } | undefined';
  // `dryRun = false`: TypeScript types the parameter from its default value (boolean)
  if (!type && written?.type === 'AssignmentPattern') return `(${name} as unknown as ${target})`;
  if (!type || type.type === 'TSAnyKeyword') return name;
  if (type.type === 'TSTypeReference') {
    const typeName = type.typeName.type === 'TSQualifiedName' ? type.typeName.right.name : type.typeName.name;
    if (/Context$/.test(typeName)) return name;
  }
  if (type.type === 'TSTypeLiteral' && type.members.some((m: any) => m.key?.name === 'awsRequestId')) return name;
  return type.type === 'TSUnknownKeyword' ? `(${name} as ${target})` : `(${name} as unknown as ${target})`;
}

/** Adds the id and counter after the imports (and the crypto import they need). */
function addInstrumentation(ctx: TransformContext): Instrumentation {
  const { j, root, style } = ctx;
  const cryptoModule = findModuleBinding(j, root, CRYPTO_MODULE);
  const newId = cryptoModule ? `${cryptoModule}.randomUUID()` : `${ensureNamedImport(j, root, ctx.moduleKind, CRYPTO_MODULE, 'randomUUID', style)}()`;
  const idName = freeName(j, root, 'containerId');
  const counterName = freeName(j, root, 'invocationCount');
  const end = semicolon(style);
  const code = ['', ID_COMMENT, `const ${idName} = ${newId}${end}`, `let ${counterName} = 0${end}`, ''].join('\n');
  insertInModule(j, root, parseStatements(j, code), indexAfterImports(j, root));
  return { idName, counterName };
}

/** `logger.appendPersistentKeys({ containerId })` (`addPersistentLogAttributes` for a Logger
 * older than 2.8), placed after both the logger and the id exist. */
function addPersistentId(ctx: TransformContext, logger: ModuleLogger, instrumentation: Instrumentation): void {
  const { j, root, style } = ctx;
  const body = programBody(j, root);
  const counterStatement = body.find((stmt) => singleDeclarator(stmt, 'let')?.id.name === instrumentation.counterName);
  const index = Math.max(body.indexOf(logger.statement), body.indexOf(counterStatement)) + 1;
  const method = persistentKeysMethod(ctx.modulePath);
  insertInModule(j, root, parseStatements(j, `${logger.name}.${method}({ ${property(ID_KEY, instrumentation.idName)} })${semicolon(style)}`), index);
}

/** `key: value`, or the shorthand `key` when the value is a binding of that name. */
function property(key: string, value: string): string {
  return key === value ? key : `${key}: ${value}`;
}

function invocationStatements(style: CodeStyle, instrumentation: Instrumentation, requestId: string, logger: ModuleLogger | null): string {
  const { idName, counterName } = instrumentation;
  const end = semicolon(style);
  const fields = `invocation: ${counterName}, coldStart: ${counterName} === 1, ${property('requestId', requestId)}`;
  const message = quoted('invocation', style);
  const log = logger
    ? `${logger.name}.info(${message}, { ${fields} })${end}`
    : `console.log(JSON.stringify({ message: ${message}, ${property(ID_KEY, idName)}, ${fields} }))${end}`;
  return `${counterName} += 1${end}\n${log}`;
}

export const transform: Transform = {
  name: 'container-id',
  description: 'Log a per-environment container id, invocation number and cold start at the top of each handler',
  step(ctx) {
    const { j, root } = ctx;
    const existing = findContainerIdCode(j, root);
    const logger = findPowertoolsLogger(j, root);

    const pending: PendingHandler[] = [];
    for (const handler of ctx.handlers) {
      if (existing && isInstrumented(handler, existing.counterName)) continue;
      // the lines go at the top of the handler, where a local of the same name as one they
      // use would be reached before it is initialised (and throw on every invocation); names
      // added now are free in the whole file, only those of instrumentation already there
      // can be taken
      const shadowed = existing && [existing.counterName, existing.idName].find((name) => shadowedAtTopOf(handler.fn, name));
      if (shadowed) {
        ctx.report.review({
          kind: 'context-unavailable',
          line: handler.line,
          column: handler.column,
          message: `No container-id log in handler \`${handler.name}\`: it declares a \`${shadowed}\` of its own, which the log line would reach instead of the module's.`,
        });
        continue;
      }
      const found = requestIdOf(ctx, handler);
      if ('reason' in found) {
        ctx.report.review({
          kind: 'context-unavailable',
          line: handler.line,
          column: handler.column,
          message: `No container-id log in handler \`${handler.name}\`: ${found.reason}.`,
        });
        continue;
      }
      pending.push({ handler, ...found });
    }
    if (pending.length === 0) return;

    const instrumentation = existing ?? addInstrumentation(ctx);
    if (logger && !hasPersistentId(j, root, logger, instrumentation.idName)) addPersistentId(ctx, logger, instrumentation);

    for (const { handler, requestId, addedParam } of pending) {
      // a handler with a `logger` of its own logs through console, as a module without Powertools does
      const through = logger && !shadowedAtTopOf(handler.fn, logger.name) ? logger : null;
      prependToHandler(j, handler, parseStatements(j, invocationStatements(ctx.style, instrumentation, requestId, through)));
      ctx.report.change({
        kind: 'log-inserted',
        line: handler.line,
        column: handler.column,
        message:
          `Handler \`${handler.name}\` logs the container id, invocation number, cold start and request id` +
          (through ? ` through \`${through.name}\`` : '') +
          (addedParam ? ` (added the \`${addedParam}\` parameter)` : '') +
          '.',
      });
    }
  },
};

export default asJscodeshiftTransform(transform);
