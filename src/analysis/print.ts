import type { Collection } from 'jscodeshift';
import { originalText } from './sourceExcerpt';
import type { CodeStyle } from './types';

/** Prints a changed tree in the file's own style. recast reuses the original text of
 * every untouched node; only generated nodes are printed fresh, with the measured
 * quotes, indentation and line endings. recast has no option to omit semicolons, so in
 * a file written without them the semicolons are taken off the lines that did not exist
 * before (generated lines only; the user's own lines are never touched).
 *
 * Without semicolons, a statement that begins with `(`, `[`, `` ` ``, `+`, `-` or `/`
 * continues the line before it, so such files guard it, usually with a leading `;`
 * (`;[a, b].forEach(f)`). recast loses those guards when it reprints a statement list:
 * the `;` is the previous statement's own terminator (its text ends in `\n;`), so code
 * inserted after that statement lands between the `;` and the line it guarded; and a `;`
 * of its own (an EmptyStatement, as at the top of a block) is not printed at all. The
 * guards are put back as the user wrote them, and a line that begins one of those
 * statements right after a generated line gets a guard in the file's own way. */
export function printWithStyle(root: Collection<any>, style: CodeStyle, originalSource: string): string {
  let printed = root.toSource({
    quote: style.quote,
    // recast measured the file's tabs at its parse-time width; printing with another width
    // would re-indent the user's own tab-indented lines
    tabWidth: style.useTabs ? PARSE_TAB_WIDTH : style.tabWidth,
    useTabs: style.useTabs,
    lineTerminator: style.lineTerminator,
    arrowParensAlways: style.arrowParens !== 'avoid',
    reuseWhitespace: true,
  });
  printed = withoutDoubledDirectiveSemicolons(root, printed);
  printed = withStatementGaps(root, printed, originalSource, style.lineTerminator);
  printed = withOpeningLineComments(root, printed, originalSource, style.lineTerminator);
  if (style.semicolons && !style.useTabs) return printed;

  const originalLines = originalSource.split(/\r?\n/);
  const existing = new Set(originalLines);
  const movedLines = new Set(originalLines.map((line) => line.trim()).filter((line) => line.endsWith(';')));
  const lines = printed.split(style.lineTerminator).map((line) => {
    if (existing.has(line)) return line;
    let out = line;
    // a lone `;` is a displaced guard: guardStatements puts it where it belongs
    // (a comment's own `;`, as in a generated comment's sentence, is no terminator, nor is one
    // the user wrote on a line that only moved: a block comment's ` * note;`)
    if (!style.semicolons && !/^\s*;\s*$/.test(out) && !/^\s*for\s*\(/.test(out) && !COMMENT_LINE.test(out) && !movedLines.has(out.trim())) out = out.replace(/;(\s*)$/, '$1');
    // recast indents the first line of a re-printed block with spaces even with useTabs
    // (benjamn/recast#315)
    if (style.useTabs) out = out.replace(/^[ \t]+/, (indent) => tabsFor(indent));
    return out;
  });
  // nothing can need a guard when no line begins with `;` or a hazardous character
  if (style.semicolons || !lines.some((line) => /^\s*(?:[;([`+-]|\/(?![/*]))/.test(line))) return lines.join(style.lineTerminator);
  return guardStatements(lines, originalLines, statementStarts(root)).join(style.lineTerminator);
}

/** A line that begins a comment: `// ...`, `/* ...` (not ` * 2`, which may be the rest of a
 * multiplication written on two lines). */
const COMMENT_LINE = /^\s*(?:\/\/|\/\*)/;

/** The ts parser keeps a file's directives (`'use strict';`) apart from its statements; when
 * recast prints the program again it writes each directive's own text, semicolon included,
 * and then a semicolon of its own: `'use strict';;`. The extra one is taken off. */
function withoutDoubledDirectiveSemicolons(root: Collection<any>, printed: string): string {
  const program = root.paths()[0]?.value?.program ?? root.paths()[0]?.value;
  let out = printed;
  for (const directive of program?.directives ?? []) {
    const text = originalText(directive);
    if (!text?.endsWith(';')) continue;
    const at = out.indexOf(`${text};`);
    if (at >= 0) out = out.slice(0, at + text.length) + out.slice(at + text.length + 1);
  }
  return out;
}

/** When recast prints a statement list again, it joins two statements the user wrote on
 * one line (`push(id); var x = 1;`) with the line breaks it found between them: none, so
 * they come out glued (`push(id);var x = 1;`). The user's space between them is put back,
 * on the printed lines that are not the user's own and only for statements still next to
 * each other in the tree. The statements may carry comments (a `// note` above them, the
 * `{ // main` of the handler's first line): the text between them is put back when it is
 * blanks, or blanks and the same block comments recast printed there (`a(); /* c *\/ b();`). */
function withStatementGaps(root: Collection<any>, printed: string, originalSource: string, eol: string): string {
  // two statements on one line: a `;` or `}` followed by blanks or a block comment, and more
  // code or a comment
  if (!/[;}](?:[ \t]+\S|[ \t]*\/\*)/.test(originalSource)) return printed;
  const tree = originalTree(root);
  if (!tree) return printed;
  const { lines } = tree;
  const joins: { pattern: RegExp; spaced: string }[] = [];
  const ends: { pattern: RegExp; spaced: string }[] = [];
  const isStatement = (node: any) => typeof node?.type === 'string' && /(?:Statement|Declaration)$/.test(node.type);
  const own = (node: any) => node.loc?.lines === lines;
  const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  eachNode(tree.file, (node) => {
    if (Array.isArray(node)) {
      for (let i = 1; i < node.length; i++) {
        const [a, b] = [node[i - 1], node[i]];
        if (!isStatement(a) || !isStatement(b) || !own(a) || !own(b) || a.loc.end.line !== b.loc.start.line) continue;
        // the user's text between them: blanks, and block comments recast prints as well
        const gap = lines.slice(a.loc.end, b.loc.start).toString();
        if (gap === '' || !/^(?:[ \t]|\/\*(?:(?!\*\/)[^\n])*\*\/)*$/.test(gap)) continue;
        const comments = gap.match(/\/\*(?:(?!\*\/)[^\n])*\*\//g) ?? [];
        const before = originalText(a)!.split(/\r?\n/).pop()!;
        const after = originalText(b)!.split(/\r?\n/)[0];
        // what recast may print between them: the same comments, with or without blanks
        const between = ['', ...comments.map(escape)].join('[ \\t]*') + '[ \\t]*';
        joins.push({ pattern: new RegExp(escape(before) + between + escape(after), 'g'), spaced: before + gap + after });
      }
      // a statement and the comments after it on its line (`var y = 2; /* ids */`), whichever
      // node recast gave them to
      for (const a of node) {
        if (!isStatement(a) || !own(a)) continue;
        const line = a.loc.end.line;
        const rest = lines.slice(a.loc.end, { line, column: lines.getLineLength(line) }).toString();
        const gap = /^(?:[ \t]*(?:\/\*(?:(?!\*\/)[^\n])*\*\/|\/\/[^\n]*))+/.exec(rest)?.[0];
        if (!gap || !/^[ \t]/.test(gap)) continue;
        const comments: string[] = gap.match(/\/\*(?:(?!\*\/)[^\n])*\*\/|\/\/[^\n]*/g) ?? [];
        const before = originalText(a)!.split(/\r?\n/).pop()!;
        ends.push({ pattern: new RegExp(escape(before) + comments.map((c) => '[ \\t]*' + escape(c.trimEnd())).join(''), 'g'), spaced: before + gap.trimEnd() });
      }
    }
  });
  // after the gaps between statements, which may hold the same comments
  joins.push(...ends);
  // a joined text the user wrote somewhere other than as spaced is not recast's doing
  const wanted = joins.filter((join) => (originalSource.match(join.pattern) ?? []).every((text) => text === join.spaced));
  if (wanted.length === 0) return printed;
  const existing = new Set(originalSource.split(/\r?\n/));
  return printed
    .split(eol)
    .map((line) => {
      if (existing.has(line)) return line;
      let out = line;
      for (const join of wanted) out = out.replace(join.pattern, (text) => (text === join.spaced ? text : join.spaced));
      return out;
    })
    .join(eol);
}

/** A line comment after the `{` that opens a block (`function (event) { // note`) is the
 * leading comment of the block's first statement; when recast prints the block again it
 * writes it on a line of its own above that statement, below any code inserted at the top
 * of the block. The comment goes back to the end of the `{` line, as the user wrote it. */
function withOpeningLineComments(root: Collection<any>, printed: string, originalSource: string, eol: string): string {
  if (!/\{[ \t]*\/\//.test(originalSource)) return printed;
  const originalLines = originalSource.split(/\r?\n/);
  const info = scan(originalLines);
  const existing = new Set(originalLines);
  const holders = openingCommentHolders(root);
  const out = printed.split(eol);
  let moved = false;
  originalLines.forEach((line, index) => {
    const m = /^.*\{([ \t]*)(\/\/.*)$/.exec(line);
    // the `{` must be code (not inside a string, a template or a comment)
    if (!m || info[index].inside || !info[index].code.endsWith('{') || out.includes(line)) return;
    const comment = m[2].trimEnd();
    // the comment node on that line and the statement recast printed it above
    const holder = holders.get(index + 1);
    if (!holder || commentText(holder.comment).trimEnd() !== comment) return;
    // found by its place: the printed line of that comment is followed by the statement's
    // other leading comments and then the statement (a line of the user's with the same
    // text elsewhere is not it)
    const rest = holder.following.flatMap((c) => commentText(c).split(/\r?\n/).map((text) => text.trim()));
    const head = (originalText(holder.statement) ?? '').split(/\r?\n/)[0].trim();
    const at = out.flatMap((text, i) => (text.trim() === comment && followedBy(out, i + 1, rest, head) ? [i] : []));
    if (at.length !== 1 || head === '') return;
    const depth = indentOf(out[at[0]]).length;
    let opening = at[0] - 1;
    while (opening >= 0 && (out[opening].trim() === '' || indentOf(out[opening]).length >= depth)) opening--;
    // the line that opens the comment's block, printed without it (changed by the migration,
    // as a handler's head may be)
    if (opening < 0 || !out[opening].endsWith('{') || existing.has(out[opening])) return;
    out[opening] += (m[1] || ' ') + comment;
    out.splice(at[0], 1);
    moved = true;
  });
  return moved ? out.join(eol) : printed;
}

/** For each line of the source, the leading line comment starting on it that a statement
 * carries, with that statement and its leading comments after this one. */
function openingCommentHolders(root: Collection<any>): Map<number, { comment: any; statement: any; following: any[] }> {
  const holders = new Map<number, { comment: any; statement: any; following: any[] }>();
  const tree = originalTree(root);
  if (!tree) return holders;
  const { lines } = tree;
  eachNode(tree.file, (node) => {
    if (!Array.isArray(node) && Array.isArray(node.comments) && node.loc?.lines === lines) {
      const leading = node.comments.filter((c: any) => c.leading && !c.trailing);
      leading.forEach((c: any, i: number) => {
        if (!c.loc || c.loc.lines !== lines || !/Line$/.test(c.type)) return;
        const line = c.loc.start.line;
        // two comments on one line: neither is taken
        if (holders.has(line)) holders.set(line, { comment: null, statement: null, following: [] });
        else holders.set(line, { comment: c, statement: node, following: leading.slice(i + 1) });
      });
    }
  });
  for (const [line, holder] of holders) if (!holder.comment) holders.delete(line);
  return holders;
}

function commentText(comment: any): string {
  return /Line$/.test(comment.type) ? `//${comment.value}` : `/*${comment.value}*/`;
}

/** Whether `lines` from `from` on are the trimmed texts `rest` and then a line beginning
 * with `head` (blank lines between them allowed). */
function followedBy(lines: readonly string[], from: number, rest: readonly string[], head: string): boolean {
  let i = from;
  const next = (): string | undefined => {
    while (i < lines.length && lines[i].trim() === '') i++;
    return i < lines.length ? lines[i++].trim() : undefined;
  };
  for (const text of rest) if (text !== '' && next() !== text) return false;
  return next()?.startsWith(head) ?? false;
}

/** recast's default tab width, which `j(source)` parses with. */
const PARSE_TAB_WIDTH = 4;

function tabsFor(indent: string): string {
  const columns = [...indent].reduce((n, c) => (c === '\t' ? n + PARSE_TAB_WIDTH - (n % PARSE_TAB_WIDTH) : n + 1), 0);
  return '\t'.repeat(Math.floor(columns / PARSE_TAB_WIDTH)) + ' '.repeat(columns % PARSE_TAB_WIDTH);
}

/** A first character that makes a line continue the expression on the line before it
 * (after comments are removed, a leading `/` is a regular expression). */
const HAZARD = /^[([`+\-/]/;
/** A last character that can end a statement, so that a hazardous line after it would be
 * read as part of it. */
const ENDS_EXPRESSION = /[\w$)\]}'"`]$/;
/** Words after which the next line is never glued to the line as an operand of a call or
 * index (or is a statement of its own, as after `else`): a `;` there would change the code. */
const KEYWORD_END = /(?:^|[^\w$.])(?:else|do|return|throw|typeof|void|delete|await|yield|in|of|instanceof|new|case|default|extends)$/;
const LEADING_GUARD = /^;\s*/;

interface LineInfo {
  /** the code of the line, comments removed, trimmed */
  code: string;
  /** the line begins inside a block comment or a template literal */
  inside: boolean;
}

/** Code of each line without its comments. A small scanner: strings and template
 * literals are skipped so that `//` inside them is not a comment. */
function scan(lines: readonly string[]): LineInfo[] {
  let inBlock = false;
  let inTemplate = false;
  return lines.map((line) => {
    const inside = inBlock || inTemplate;
    let code = '';
    let quote: string | null = null;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (inBlock) {
        if (c === '*' && line[i + 1] === '/') {
          inBlock = false;
          i++;
          code += ' ';
        }
        continue;
      }
      if (inTemplate || quote) {
        code += c;
        if (c === '\\') code += line[++i] ?? '';
        else if (inTemplate && c === '`') inTemplate = false;
        else if (c === quote) quote = null;
        continue;
      }
      if (c === '/' && line[i + 1] === '/') break;
      if (c === '/' && line[i + 1] === '*') {
        inBlock = true;
        i++;
        continue;
      }
      if (c === "'" || c === '"') quote = c;
      else if (c === '`') inTemplate = true;
      code += c;
    }
    return { code: code.trim(), inside };
  });
}

/** Index of the code line before `index` (blank and comment-only lines skipped), or -1. */
function previousCode(info: readonly LineInfo[], index: number): number {
  for (let i = index - 1; i >= 0; i--) if (info[i].code !== '') return i;
  return -1;
}

function nextCode(info: readonly LineInfo[], index: number): number {
  for (let i = index + 1; i < info.length; i++) if (info[i].code !== '') return i;
  return -1;
}

/** `line:column` (1-based line, 0-based column) of every statement of the original file
 * that is still in the tree, found by the original text's lines object. */
function statementStarts(root: Collection<any>): Set<string> {
  const starts = new Set<string>();
  const tree = originalTree(root);
  if (!tree) return starts;
  eachNode(tree.file, (node) => {
    if (!Array.isArray(node) && typeof node.type === 'string' && node.loc?.lines === tree.lines && /(?:Statement|Declaration)$/.test(node.type)) {
      starts.add(`${node.loc.start.line}:${node.loc.start.column}`);
    }
  });
  return starts;
}

/** The tree recast printed and the lines object of the text it was parsed from (a node whose
 * `loc.lines` is that object is the user's own, not generated); null when it has none. */
function originalTree(root: Collection<any>): { file: any; lines: any } | null {
  const file = root.size() > 0 ? root.get().node : null;
  const lines = file?.loc?.lines;
  return lines ? { file, lines } : null;
}

/** Keys of a node that hold no code: locations, recast's link to the original, tokens,
 * comments, parser extras. */
const NOT_CODE = new Set(['loc', 'original', 'tokens', 'comments', 'extra']);

/** Calls `visit` on every node and every array of nodes under `file`, each once, a parent
 * before what it holds. */
function eachNode(file: any, visit: (value: any) => void): void {
  const seen = new Set<object>();
  const walk = (value: any): void => {
    if (value === null || typeof value !== 'object' || seen.has(value)) return;
    seen.add(value);
    visit(value);
    if (Array.isArray(value)) {
      for (const child of value) walk(child);
      return;
    }
    for (const key of Object.keys(value)) {
      if (NOT_CODE.has(key)) continue;
      const child = value[key];
      if (child !== null && typeof child === 'object') walk(child);
    }
  };
  walk(file);
}

/** Puts back the user's `;` guards that printing lost, and guards a statement that begins
 * with a hazardous character right after a line that was not before it in the original. */
function guardStatements(lines: string[], originalLines: readonly string[], starts: Set<string>): string[] {
  const original = scan(originalLines);
  const existing = new Set(originalLines);
  const trimmed = originalLines.map((line) => line.trim());
  const existingTrimmed = new Set(trimmed);

  // the original's code-line junctions, and how it guards hazardous statements
  const junctions = new Set<string>();
  const guarded = new Map<string, string>(); // statement text -> the user's guarded line
  const guardIndents = new Map<string, Set<string>>(); // guarded line -> its indentations
  const statementTexts = new Set<string>();
  const continuationTexts = new Set<string>();
  const gaps = new Map<string, number>();
  let leading = 0;
  let trailing = 0;
  original.forEach((info, index) => {
    if (info.code === '' || info.inside) return;
    const previous = previousCode(original, index);
    if (previous >= 0) junctions.add(junction(trimmed[previous], trimmed[index]));
    const line = trimmed[index];
    const guard = line.startsWith(';') && info.code.startsWith(';') ? LEADING_GUARD.exec(line)![0] : '';
    const text = line.slice(guard.length);
    const code = guard ? info.code.replace(LEADING_GUARD, '') : info.code;
    if (guard && text !== '') {
      if (!guarded.has(text)) guarded.set(text, line);
      const indents = guardIndents.get(line) ?? new Set<string>();
      guardIndents.set(line, indents.add(indentOf(originalLines[index])));
    }
    if (!HAZARD.test(code)) return;
    if (guard) {
      leading++;
      gaps.set(guard.slice(1), (gaps.get(guard.slice(1)) ?? 0) + 1);
    } else if (previous >= 0 && original[previous].code.endsWith(';') && !/^for\b/.test(original[previous].code)) {
      trailing++;
    }
    const column = originalLines[index].length - originalLines[index].trimStart().length + guard.length;
    if (guard || starts.has(`${index + 1}:${column}`)) statementTexts.add(text);
    else continuationTexts.add(text);
  });
  const trailingStyle = trailing > leading;
  let gap = '';
  let best = 0;
  for (const [candidate, count] of gaps) {
    if (count > best) {
      best = count;
      gap = candidate;
    }
  }

  let out = lines.slice();
  let info = scan(out);

  // 1. a lone `;` line is the user's guard left behind by the statement that owned it
  //    (kept only where it still stands between the same lines as in the original)
  const drop = new Set<number>();
  info.forEach((line, index) => {
    // (a `;` with a comment of its own stays: its line is not one the user wrote the
    // guarded statement on)
    if (line.inside || out[index].trim() !== ';') return;
    const previous = previousCode(info, index);
    const next = nextCode(info, index);
    const lone = out[index].trim();
    const before = previous >= 0 ? out[previous].trim() : '';
    const after = next >= 0 ? out[next].trim() : '';
    if (existingTrimmed.has(lone) && junctions.has(junction(before, lone)) && junctions.has(junction(lone, after))) return;
    drop.add(index);
  });
  if (drop.size > 0) {
    out = out.filter((_line, index) => !drop.has(index));
    info = scan(out);
  }

  // 2. the user's guarded lines, as written: recast drops a `;` that is a statement of its
  //    own, and indents a line that follows a reused statement's trailing `\n;` one step
  //    deeper than its neighbours (the original indentation is kept where a neighbouring
  //    statement still has it)
  out = out.map((line, index) => {
    if (info[index].inside || info[index].code === '') return line;
    const text = line.trim();
    // recast may also print the statement right after its guard, without the user's space
    const user = existingTrimmed.has(text) ? text : guarded.get(info[index].code.startsWith(';') ? text.replace(LEADING_GUARD, '') : text);
    if (user === undefined || !user.startsWith(';') || existing.has(line)) return line;
    let indent = indentOf(line);
    const indents = guardIndents.get(user);
    if (indents && !indents.has(indent)) {
      const neighbours = [previousCode(info, index), nextCode(info, index)].filter((i) => i >= 0).map((i) => indentOf(out[i]));
      indent = neighbours.find((candidate) => indents.has(candidate)) ?? indent;
    }
    return indent + user;
  });
  info = scan(out);

  // 3. a hazardous statement right after a line it did not follow before
  for (let index = 0; index < out.length; index++) {
    const line = info[index];
    if (line.inside || !HAZARD.test(line.code)) continue;
    const text = out[index].trim();
    if (continuationTexts.has(text) && !statementTexts.has(text)) continue;
    const previous = previousCode(info, index);
    if (previous < 0) continue;
    const before = info[previous].code;
    if (!ENDS_EXPRESSION.test(before) || KEYWORD_END.test(before)) continue;
    if (junctions.has(junction(out[previous].trim(), text))) continue;
    if (trailingStyle && !info[previous].inside && out[previous].trimEnd().endsWith(before)) {
      out[previous] = out[previous].replace(/\s*$/, (space) => ';' + space);
      info[previous] = { ...info[previous], code: before + ';' };
    } else {
      out[index] = indentOf(out[index]) + ';' + gap + out[index].trimStart();
      info[index] = { ...line, code: ';' + gap + line.code };
    }
  }
  return out;
}

function indentOf(line: string): string {
  return line.slice(0, line.length - line.trimStart().length);
}

function junction(before: string, after: string): string {
  return `${before}\u0000${after}`;
}
