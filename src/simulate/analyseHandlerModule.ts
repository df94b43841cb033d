// What the parent needs to know about a handler module before running it: how Node will
// load it, which export is the handler, and which /tmp paths a new environment lacks.
import fs from 'node:fs';
import path from 'node:path';
import { DEFAULT_HANDLER_NAME, findHandlers } from '../analysis/handlers';
import { detectModuleKind } from '../analysis/imports';
import { jscodeshiftFor, parserFor } from '../analysis/parser';
import { staticTmpPathsIn } from './findStaticTmpPaths';
import { staticExportsOf, type StaticExports } from './staticExports';
import type { ModuleFormat } from './types';

export interface HandlerModuleAnalysis {
  format: ModuleFormat;
  handler: string;
  tmpPaths: string[];
  /** The module may touch /tmp (or could not be analysed): its environments must not run side by side. */
  usesTmp: boolean;
  /** What the module exports, when its source settles it (else the run finds out). */
  exports?: StaticExports;
  notes: string[];
}

/** Raised when the handler cannot be chosen without the user's help. */
export class HandlerChoiceError extends Error {
  override name = 'HandlerChoiceError';
}

export function analyseHandlerModule(file: string, source: string, handler: string | undefined): HandlerModuleAnalysis {
  const notes: string[] = [];
  const parser = parserFor(file);
  if (!parser) throw new HandlerChoiceError(`${path.basename(file)} is not a JavaScript or TypeScript module (.js .mjs .cjs .jsx .ts .mts .cts .tsx)`);
  const j = jscodeshiftFor(parser);
  let root;
  try {
    root = j(parsableText(source));
  } catch (error) {
    // Node may still load what the parser rejects; let the run say what is wrong.
    notes.push(`the source could not be analysed (${(error as Error).message.split('\n')[0]}): no /tmp paths are removed between environments`);
    return { format: formatFromFile(file, 'commonjs'), handler: handler ?? DEFAULT_HANDLER_NAME, tmpPaths: [], usesTmp: true, notes };
  }
  const tmpPaths = staticTmpPathsIn(j, root);
  return {
    format: formatFromFile(file, detectModuleKind(j, root)),
    handler: handler ?? chooseHandler(findHandlers(j, root).map((h) => h.name)),
    tmpPaths,
    usesTmp: tmpPaths.length > 0 || /\/tmp\b|tmpdir/.test(source),
    exports: staticExportsOf(j, root),
    notes,
  };
}

/** The same rule as `migrate`: `handler`, else the one exported function taking `event`. */
function chooseHandler(found: string[]): string {
  if (found.length === 0 || found.includes(DEFAULT_HANDLER_NAME)) return DEFAULT_HANDLER_NAME;
  if (found.length === 1) return found[0];
  throw new HandlerChoiceError(`several handlers are exported (${found.join(', ')}); choose one with --handler`);
}

/** The parser never sees a BOM or a shebang (Node ignores both). */
function parsableText(source: string): string {
  const body = source.replace(/^\uFEFF/, '');
  return body.startsWith('#!') ? '//' + body.slice(2) : body;
}

/**
 * Node's own rule: the extension, else the nearest package.json `type`, else (for
 * JavaScript) the syntax, as module detection does. TypeScript outside an ESM package is
 * loaded as CommonJS, as the usual bundlers emit it for Lambda.
 */
function formatFromFile(file: string, syntax: 'esm' | 'commonjs'): ModuleFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.mjs' || extension === '.mts') return 'esm';
  if (extension === '.cjs' || extension === '.cts') return 'commonjs';
  if (packageType(path.dirname(file)) === 'module') return 'esm';
  if (extension === '.js' || extension === '.jsx') return syntax;
  return 'commonjs';
}

function packageType(directory: string): string | undefined {
  for (let dir = directory; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest)) {
      try {
        return JSON.parse(fs.readFileSync(manifest, 'utf8')).type;
      } catch {
        return undefined;
      }
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The directory Lambda would run the code from: the package root, else the file's folder. */
export function taskRoot(file: string): string {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.dirname(file);
  }
}
