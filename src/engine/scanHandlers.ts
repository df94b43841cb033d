// The second filter, for files that pass the text pre-check: does the file export a
// handler? Answered on the parser's own tree, before recast copies it and prepares it for
// reprinting, which takes as long again as the parse itself. In a monorepo many files
// pass the text test (they mention `handler` or take an `event`) without exporting a
// handler; they are ruled out here at about half the cost of the tree the transforms edit.
import type { JSCodeshift } from 'jscodeshift';
import { findHandlers, unfollowedHandlers } from '../analysis/handlers';
import { jscodeshiftFor, parserFor, rawParser, syntaxChecker } from '../analysis/parser';

/**
 * `false` when the file surely exports no handler (under `names`, else the default rule);
 * else the parser's tree, which the full pipeline reuses instead of parsing again, or
 * `true` when this scan cannot tell (the file does not parse here: the full pipeline then
 * reports the error in its own words) or its tree is of no use to the pipeline (a large
 * file, parsed without tokens).
 */
export function scanForHandlers(text: string, filePath: string, names: string[] | undefined): { tree: unknown } | boolean {
  const parser = parserFor(filePath);
  if (!parser) return true;
  // as applyTransforms does: a BOM is not source, a shebang line reads as a comment
  const body = text.replace(/^\uFEFF/, '').replace(/^#!/, '//');
  // a large file is seldom a handler module (bundles, generated code): its tokens, which
  // only reprinting needs and which cost about a third of the parse, are left out; the
  // rare large handler module is parsed again, with them, by the full pipeline
  const large = body.length > LARGE_FILE;
  let tree: any;
  try {
    tree = (large ? syntaxChecker(parser) : rawParser(parser)).parse(body);
  } catch {
    return true;
  }
  const j: JSCodeshift = jscodeshiftFor(parser);
  const collection = j(tree);
  if (findHandlers(j, collection, { names }).length === 0 && unfollowedHandlers(j, collection, { names }).length === 0) return false;
  return large ? true : { tree };
}

/** Characters above which the scan parses without tokens (no fixture comes near). */
export const LARGE_FILE = 32 * 1024;
