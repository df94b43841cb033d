// One file through the selected transforms: parsed once, every transform run on that one
// tree, printed once and only when something changed. Shared by the `migrate` engine and
// the standalone jscodeshift entry points of the transforms.
import nodePath from 'node:path';
import type { JSCodeshift } from 'jscodeshift';
import { handlersCalledByHandlers } from './handlerCalls';
import { DEFAULT_HANDLER_NAME, findHandlers, unfollowedHandlers } from './handlers';
import { detectModuleKind } from './imports';
import { jscodeshiftFor, parserFor, rawParser, syntaxChecker, type ParserName } from './parser';
import { printWithStyle } from './print';
import { measureStyle } from './style';
import { TRANSFORM_ORDER, type Finding, type HandlerInfo, type Transform, type TransformOptions } from './types';

export interface SourceError {
  message: string;
  line: number;
  column: number;
  /** For a failure of the tool itself: the stack, which `--verbose` shows (reports leave it out). */
  stack?: string;
}

export interface SourceResult {
  /** The new text, or null when nothing changed (or when there was an error). */
  output: string | null;
  /** Names of the handlers found (empty: not a handler module, never modified). */
  handlers: string[];
  changes: Finding[];
  review: Finding[];
  error?: SourceError;
}

/** First-parameter names that mean a Lambda event (`event`, `evt`, `e`, `apiEvent`, `req`). */
const EVENT_LIKE = /^_?(?:event|evt|ev|e|input|request|req|payload|\w*Event)$/i;

function paramName(param: any): string | null {
  if (param?.type === 'Identifier') return param.name;
  if (param?.type === 'AssignmentPattern' && param.left.type === 'Identifier') return param.left.name;
  return null;
}

export interface ApplyOptions {
  transforms: Transform[];
  /** Handler export names from `--handler` or a manifest; absent: the default rule. */
  handlerNames?: string[];
  /** Without handler names: exports other modules of the project import, which the default
   * rule's first parameter `event` does not make handlers (see ../engine/importedExports.ts). */
  imported?: string[];
  /** The file's absolute path on disk, when `filePath` is relative to another folder than the
   * process's working directory (the engine's `cwd`). */
  modulePath?: string;
  options?: TransformOptions;
  /** The parser's own tree of this text (BOM removed, shebang read as a comment), when the
   * caller has parsed it already: recast then prepares that tree instead of parsing again. */
  parsed?: unknown;
}

const BOM = '\uFEFF';
const IGNORE_FILE = /^\s*(?:\/\/|\/\*)\s*lambda-clean-slate-disable(?![\w-])/;

/** Text that is kept out of the parser and put back after printing. The shebang becomes a
 * comment of the same length so that every line and column stays where it was. */
interface Envelope {
  bom: boolean;
  shebang: string | null;
  finalNewline: boolean;
}

function open(text: string): { body: string; envelope: Envelope } {
  let body = text;
  const bom = body.startsWith(BOM);
  if (bom) body = body.slice(1);
  let shebang: string | null = null;
  const m = /^#![^\r\n]*/.exec(body);
  if (m) {
    shebang = m[0];
    body = '//' + body.slice(2);
  }
  return { body, envelope: { bom, shebang, finalNewline: /\n$/.test(text) } };
}

function close(printed: string, envelope: Envelope, eol: string): string {
  let out = printed;
  if (envelope.shebang && out.startsWith('//' + envelope.shebang.slice(2))) out = envelope.shebang + out.slice(envelope.shebang.length);
  if (envelope.finalNewline && !out.endsWith('\n')) out += eol;
  if (!envelope.finalNewline) out = out.replace(/(\r?\n)+$/, '');
  return (envelope.bom ? BOM : '') + out;
}

/** A comment, or a directive such as `'use strict';`, at the start of the text (after whitespace). */
const LEADING_ITEM = /^\s*(?:\/\/[^\n\r\u2028\u2029]*|\/\*[\s\S]*?\*\/|'[^'\\\n]*'\s*;?|"[^"\\\n]*"\s*;?)/;

/** True when the file opts out as a whole: one of the comments above its first line of code
 * is `// lambda-clean-slate-disable` (the first one, or one below a licence header), before
 * or after `'use strict'` and a shebang line. */
export function isDisabled(source: string): boolean {
  let rest = source.replace(/^\uFEFF/, '').replace(/^#![^\n]*\n/, '');
  for (let m = LEADING_ITEM.exec(rest); m; m = LEADING_ITEM.exec(rest)) {
    if (IGNORE_FILE.test(m[0])) return true;
    rest = rest.slice(m[0].length);
  }
  return false;
}

/** A failure of the tool itself on this file, in one line: the file is left unchanged. */
function internalError(stage: string, error: any): SourceError {
  const message = String(error?.message ?? error).split('\n')[0];
  return { message: `internal error in ${stage} (${message}); file left unchanged, please report it`, line: 0, column: 0, ...(typeof error?.stack === 'string' && { stack: error.stack }) };
}

export function parseError(error: any): SourceError {
  const loc = error?.loc ?? {};
  const message = String(error?.message ?? error).replace(/\s*\(\d+:\d+\)$/, '');
  return { message, line: loc.line ?? 1, column: (loc.column ?? 0) + 1 };
}

export function applyTransforms(text: string, filePath: string, apply: ApplyOptions): SourceResult {
  const result: SourceResult = { output: null, handlers: [], changes: [], review: [] };
  const parser: ParserName | undefined = parserFor(filePath);
  if (!parser || isDisabled(text)) return result;

  const { body, envelope } = open(text);
  const j = jscodeshiftFor(parser);
  let root;
  try {
    // recast hands the parser the text with tabs expanded (and may change line ends): the
    // tree parsed before fits only when that text is exactly the one it was parsed from
    const reuse = apply.parsed === undefined ? null : { parse: (text: string) => (text === body ? (apply.parsed as any) : rawParser(parser).parse(text)) };
    // j(text, { parser }) would be bound to j's own parser again; withParser would rebuild
    // jscodeshift's whole API for every file. The plain entry point takes the parser as given.
    root = reuse ? (require('jscodeshift') as JSCodeshift)(body, { parser: reuse }) : j(body);
  } catch (error) {
    result.error = parseError(error);
    return result;
  }

  let handlers: ReturnType<typeof findHandlers>;
  try {
    handlers = findHandlers(j, root, { names: apply.handlerNames, imported: apply.imported });
  } catch (error) {
    result.error = internalError('finding the handlers', error);
    return result;
  }
  result.handlers = handlers.map((h) => h.name);
  const ordered = [...apply.transforms].sort((a, b) => TRANSFORM_ORDER.indexOf(a.name) - TRANSFORM_ORDER.indexOf(b.name));
  // `exports.handler = serverless(app)`, `export const handler = await build()`, a handler
  // chosen in an `if` as the module loads: a handler, but one whose code is out of sight;
  // said, so that the file does not pass for one that holds no such handler (also next to
  // handlers that are followed)
  let unfollowed: ReturnType<typeof unfollowedHandlers> = [];
  try {
    unfollowed = ordered.length > 0 ? unfollowedHandlers(j, root, { names: apply.handlerNames }).filter((h) => !result.handlers.includes(h.name)) : [];
  } catch (error) {
    result.error = internalError('finding the handlers', error);
    return result;
  }
  for (const h of unfollowed) {
    result.handlers.push(h.name);
    result.review.push({
      transform: ordered[0].name,
      kind: 'handler-not-followed',
      line: h.line,
      column: h.column,
      message: h.conditional
        ? `\`${h.name}\` is exported conditionally (${h.inIf ? 'inside an `if`: ' : ''}\`${h.call}\`): which function Lambda calls is decided as the module loads, and this tool does not follow a handler chosen that way, so none of the functions it may be is migrated as a handler: state they keep at module level is not reset, review it`
        : `\`${h.name}\` is what \`${h.call}\` returns, and this tool cannot follow that call to the function that serves each request (an Express, Koa or lambda-api app's routes and middlewares, a handler made by a factory or another module): state that code keeps at module level is not migrated, review it`,
    });
  }
  if (handlers.length === 0) return result;

  // without names from a manifest or --handler, an export is a handler by its name `handler`
  // or by a first parameter named `event`, which a helper may have too: the user should know
  if (!apply.handlerNames?.length && ordered.length > 0) {
    for (const h of handlers.filter((h) => h.name !== DEFAULT_HANDLER_NAME)) {
      result.review.push({
        transform: ordered[0].name,
        kind: 'handler-by-parameter',
        line: h.line,
        column: h.column,
        message: `\`${h.name}\` is taken for a handler because its first parameter is \`event\` (no manifest or --handler names the handlers); if it is not a Lambda handler, name the real ones with --handler`,
        // said for the record: it stays true after the migration, and asks nothing of a
        // handler that is one
        informational: true,
      });
    }
  }

  // `module.exports = fn` named `index.default`: Lambda's runtime require()s the module and
  // looks up `default` on the function it gets, which has no such property
  if (ordered.length > 0 && detectModuleKind(j, root) !== 'esm') {
    for (const h of handlers.filter((h) => h.wholeModule)) {
      result.review.push({
        transform: ordered[0].name,
        kind: 'default-of-commonjs',
        line: h.line,
        column: h.column,
        message: `the handler string names \`default\`, but this CommonJS module exports the function itself (\`module.exports = ...\`): Lambda looks \`default\` up on what \`require()\` returns and will not find it (Runtime.HandlerNotFound); export it under a name (\`exports.handler = ...\`) and use that name in the handler string. Migrated as asked`,
      });
    }
  }

  const calledBy = handlersCalledByHandlers(j, handlers);
  if (calledBy.size > 0 && ordered.length > 0) {
    for (const [callee, caller] of calledBy) {
      result.review.push({
        transform: ordered[0].name,
        kind: 'handler-called-by-handler',
        line: callee.line,
        column: callee.column,
        message:
          callee === caller
            ? `handler \`${callee.name}\` calls itself: code added at its top would run again in the middle of its own invocation, so it is left as it is`
            : `handler \`${callee.name}\` is also called by handler \`${caller.name}\`: code added at its top would run again in the middle of \`${caller.name}\`, so \`${callee.name}\` is left as it is`,
      });
    }
    handlers = handlers.filter((h) => !calledBy.has(h));
  }

  // a function handed to a wrapper under a name that is not an event's may be called once per
  // record or item: code added at its top would then run several times in one invocation
  const leftAlone: HandlerInfo[] = [...calledBy.keys()];
  if (ordered.length > 0) {
    // the first parameter the wrapper fills: after a `this` parameter and those `.bind` fills;
    // unknown when a spread is bound (`.bind(null, ...deps)`), so it may be a record's too
    const perItem = handlers.filter((h) => h.wrapper && (h.eventParamIndex === null || !EVENT_LIKE.test(paramName(h.fn.node.params[h.eventParamIndex]) ?? 'event')));
    for (const h of perItem) {
      const param = h.eventParamIndex === null ? null : paramName(h.fn.node.params[h.eventParamIndex]);
      const which = h.eventParamIndex === null ? 'and which of its parameters the wrapper fills is not known (arguments are bound to it with a spread, `.bind(thisArg, ...args)`, or it is exported both with bound arguments and without)' : `whose first parameter is \`${param}\`, not an event`;
      const fix = h.eventParamIndex === null ? 'bind its arguments one by one' : 'name the parameter `event`';
      result.review.push({
        transform: ordered[0].name,
        kind: 'wrapped-handler',
        line: h.line,
        column: h.column,
        message: `\`${h.name}\` is the function handed to \`${h.wrapper}(...)\`, ${which}: the wrapper may call it once per record or item, and code added at its top would then run several times in one invocation, so it is left as it is (if \`${h.wrapper}\` calls it once per invocation, ${fix} to have it migrated)`,
      });
    }
    handlers = handlers.filter((h) => !perItem.includes(h));
    leftAlone.push(...perItem);
  }

  const style = measureStyle(body);
  const moduleKind = detectModuleKind(j, root);
  for (const transform of ordered) {
    try {
      transform.step({
        j,
        root,
        filePath,
        modulePath: apply.modulePath ?? nodePath.resolve(filePath),
        source: body,
        handlers,
        leftAlone,
        style,
        moduleKind,
        options: apply.options ?? {},
        report: {
          change: (f) => result.changes.push({ transform: transform.name, ...f }),
          review: (f) => result.review.push({ transform: transform.name, ...f }),
        },
      });
    } catch (error) {
      // a transform that fails on odd code loses this file's changes, never the run
      return { ...result, changes: [], error: internalError(`the ${transform.name} transform`, error) };
    }
  }
  if (result.changes.length === 0) return result;

  let printed: string;
  try {
    printed = close(printWithStyle(root, style, body), envelope, style.lineTerminator);
  } catch (error: any) {
    // a printer failure is this file's problem: the run goes on with the other files
    result.error = { message: `the migrated code could not be printed (${error?.message ?? error}); file left unchanged`, line: 0, column: 0 };
    return result;
  }
  // Never hand back a file that does not parse again with the same parser.
  let reparsed: any;
  try {
    reparsed = syntaxChecker(parser).parse(open(printed).body);
  } catch (error) {
    const e = parseError(error);
    result.error = { ...e, message: `the migrated code would not parse (${e.message}); file left unchanged` };
    return result;
  }
  // Nor one where the text of a template literal or of a string continued over lines has
  // changed: the transforms move code, and a re-indented line inside such a literal would
  // change the value the user's code computes.
  const changed = changedLiteral(root, body, parser, reparsed);
  if (changed) {
    result.error = {
      message: `the migrated code would change the text of a ${changed.kind} written over several lines (printing re-indented it); file left unchanged, please report it`,
      line: changed.line,
      column: changed.column + 1,
    };
    return result;
  }
  if (printed !== text) result.output = printed;
  return result;
}

/** A source in which no literal can hold a line of its own: no template literal, no
 * backslash at the end of a line. */
const MAY_HOLD_MULTILINE_LITERAL = /`|\\\r?\n/;

interface LiteralText {
  kind: 'template literal' | 'string';
  raw: string;
  line: number;
  column: number;
}

/** The first template literal part or string written over several lines (with a backslash
 * continuation) of the original text whose raw text the printed tree (`reparsed`) no longer
 * holds as often as the original did; null when every one is intact. */
function changedLiteral(root: any, body: string, parser: ParserName, reparsed: any): LiteralText | null {
  if (!MAY_HOLD_MULTILINE_LITERAL.test(body)) return null;
  // recast's untouched copy of the parsed file; recast parsed the text with the indentation
  // of every line spelled in spaces, so a file with tabs is parsed again as it is written
  const file = root.size() > 0 ? root.get().node : null;
  const original = body.includes('\t') || !file?.original ? syntaxChecker(parser).parse(body) : file.original;
  const before = literalTexts(original);
  if (before.length === 0) return null;
  const after = new Map<string, number>();
  for (const literal of literalTexts(reparsed)) after.set(literal.raw, (after.get(literal.raw) ?? 0) + 1);
  for (const literal of before) {
    const left = after.get(literal.raw) ?? 0;
    if (left === 0) return literal;
    after.set(literal.raw, left - 1);
  }
  return null;
}

const SKIPPED_KEYS = new Set(['loc', 'tokens', 'comments', 'leadingComments', 'trailingComments', 'innerComments', 'original', 'extra']);

/** Raw texts of the template literal parts and of the strings with a line break in their
 * raw text (a backslash continuation) of a parsed file, in source order. */
function literalTexts(tree: any): LiteralText[] {
  const out: LiteralText[] = [];
  const visit = (node: any): void => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const child of node) visit(child);
      return;
    }
    if (node.type === 'TemplateElement') {
      out.push({ kind: 'template literal', raw: String(node.value?.raw ?? ''), line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0 });
      return;
    }
    if ((node.type === 'StringLiteral' || node.type === 'Literal') && typeof node.value === 'string') {
      const raw = String(node.extra?.raw ?? node.raw ?? '');
      if (/[\r\n\u2028\u2029]/.test(raw)) out.push({ kind: 'string', raw: raw.replace(/\r\n?/g, '\n'), line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0 });
      return;
    }
    for (const key of Object.keys(node)) {
      if (SKIPPED_KEYS.has(key)) continue;
      const child = node[key];
      if (child !== null && typeof child === 'object') visit(child);
    }
  };
  visit(tree);
  return out;
}
