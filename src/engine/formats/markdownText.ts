// Putting text that comes from user code (paths, messages, diffs) into GitHub-flavoured
// Markdown without it turning into markup: fences longer than any backtick run inside,
// HTML-escaped paths in <summary>, and messages whose `code spans` survive.

/** A fenced code block that no line of `content` can close early. */
export function fencedBlock(content: string, info: string): string {
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  const body = content.endsWith('\n') ? content : `${content}\n`;
  return `${fence}${info}\n${body}${fence}\n`;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A message for a list item: its `code spans` are kept, the rest is escaped so that
 * `__dirname`, `<T>` or `[0]` print as written. */
export function inlineMarkdown(message: string): string {
  const single = message.replace(/\r?\n/g, ' ');
  let out = '';
  let rest = single;
  for (;;) {
    const open = rest.indexOf('`');
    const close = open < 0 ? -1 : rest.indexOf('`', open + 1);
    if (close < 0) return out + escapeText(rest);
    out += escapeText(rest.slice(0, open)) + rest.slice(open, close + 1);
    rest = rest.slice(close + 1);
  }
}

function escapeText(text: string): string {
  return text.replace(/[\\`*_[\]#|~]/g, (c) => `\\${c}`).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A path as inline code, with a fence that its own backticks cannot close. */
export function inlineCode(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longestRun + 1);
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${text}${pad}${ticks}`;
}
