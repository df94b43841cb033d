// The contract between the engine and the transforms. A transform is an AST-level
// step that runs on a tree the engine parsed once; every transform file also wraps
// that step as a plain jscodeshift transform (see ./standalone.ts).
import type { ASTPath, Collection, JSCodeshift } from 'jscodeshift';
import type { namedTypes } from 'ast-types';
import type { LambdaLayers } from './moduleResolution';

/** The CLI names of the transforms, in the order the engine runs them. Each one
 * prepends its statements to the handler body, so running them in this order leaves
 * the spec's order inside the handler: container-id log, client checks, /tmp
 * preamble, state resets and moved declarations, then the original body. */
export const TRANSFORM_ORDER = ['globals', 'tmp', 'clients', 'container-id'] as const;
export type TransformName = (typeof TRANSFORM_ORDER)[number];

export type FunctionNode =
  | namedTypes.FunctionDeclaration
  | namedTypes.FunctionExpression
  | namedTypes.ArrowFunctionExpression
  /** `module.exports = { async handler(event) {} }` */
  | namedTypes.ObjectMethod
  /** `export const handler = handlerClass.handler.bind(handlerClass)` (the ts parser's node) */
  | namedTypes.ClassMethod;

/** How a handler hands its result back to Lambda. */
export type HandlerStyle = 'async' | 'promise' | 'callback' | 'sync';

export interface HandlerInfo {
  /** The handler's property path as a handler string names it: `handler`, `handlers.create`, `default`. */
  name: string;
  /** The function that does the work (for `middy(base)` this is `base`). */
  fn: ASTPath<FunctionNode>;
  style: HandlerStyle;
  /** Name of the context parameter (`context`, `_context`, `ctx`), null when there is none
   * or when it is destructured. */
  contextParam: string | null;
  /** Position of the parameter Lambda's event fills: 0, one more after TypeScript's `this`
   * parameter, and as many more as `.bind(thisArg, ...)` binds arguments in front of it
   * (`main.bind(null, deps)`: 1). Null when that is not known: a spread among the bound
   * arguments (`main.bind(null, ...deps)`), or one function exported both bound and not. */
  eventParamIndex: number | null;
  /** Position of the context parameter: one after the event's, two for
   * `awslambda.streamifyResponse` handlers, which take `(event, responseStream, context)`.
   * Null when the event's is not known. */
  contextParamIndex: number | null;
  /** Where the handler is exported (1-based line, 1-based column), for reports. */
  line: number;
  column: number;
  /** The wrapper the function is handed to when it is not one known to call it once per
   * invocation (`forEachRecord` in `exports.handler = forEachRecord(async (record) => ...)`). */
  wrapper?: string;
  /** Named `default` because it is the whole module (`module.exports = fn`): Lambda, which
   * looks `default` up on what `require()` gives, does not find it there. */
  wholeModule?: boolean;
}

/** The file's own formatting, measured before anything is printed. */
export interface CodeStyle {
  quote: 'single' | 'double';
  semicolons: boolean;
  useTabs: boolean;
  tabWidth: number;
  lineTerminator: '\n' | '\r\n';
  /** `(x) => ...` (always) or `x => ...` (avoid) for a single parameter. */
  arrowParens?: 'always' | 'avoid';
}

export type ModuleKind = 'commonjs' | 'esm';

/** One thing a transform did, or decided not to do. Lines and columns are 1-based and
 * refer to the input file as the user has it. */
export interface Finding {
  transform: TransformName;
  /** A short machine-readable kind, e.g. `move`, `reset`, `log-inserted`, `lazy-cache`. */
  kind: string;
  line: number;
  column: number;
  message: string;
  /** A review item said for the record: the tool kept the code on purpose and nothing is asked
   * of the reader (a client that recovers by itself, a lazy cache, a binding marked
   * lambda-clean-slate-ignore). SARIF leaves these out, so that code scanning does not hold
   * them open as alerts after the code is migrated. */
  informational?: true;
}

export interface Reporter {
  /** The code was changed. */
  change(finding: Omit<Finding, 'transform'>): void;
  /** Left as it is; a person should look (`message` says why it was left). */
  review(finding: Omit<Finding, 'transform'>): void;
}

export interface TransformOptions {
  /** `--cache-ttl SECONDS`: lazy caches get an expiry. */
  cacheTtl?: number;
  /** `--client-check ping`: client checks may use a network round trip. */
  clientCheck?: 'local' | 'ping';
  /** The Lambda layers of the file's function (from template.yaml / serverless.yml): where
   * `/opt/...` and packages Node does not find near the file are read from. */
  layers?: LambdaLayers;
}

export interface TransformContext {
  j: JSCodeshift;
  root: Collection<any>;
  /** Path of the file, relative to the working directory, for messages. */
  filePath: string;
  /** The file's path on disk (absolute), for reading what it imports and the packages
   * installed near it: `filePath` is relative to the run's working directory, which need
   * not be the process's. */
  modulePath: string;
  /** The source as parsed (without BOM or shebang). */
  source: string;
  handlers: HandlerInfo[];
  /** Handlers left as they are (another handler calls them, or a wrapper may call them once
   * per item; not in `handlers`): still handlers, not other code that changes the state. */
  leftAlone?: HandlerInfo[];
  style: CodeStyle;
  moduleKind: ModuleKind;
  options: TransformOptions;
  report: Reporter;
}

export interface Transform {
  name: TransformName;
  /** One line, for `list-transforms` and `--help`. */
  description: string;
  /** Mutates `ctx.root` in place and reports what it did. */
  step(ctx: TransformContext): void;
}
