// Taking a module-level `var`/`let`/`const` apart: some declarators leave for a handler,
// some must become `let` so that a handler can assign a fresh value, the rest stay as they
// were. The user's own text is kept wherever a declaration does not change.
import type { JSCodeshift } from 'jscodeshift';

/** What happens to one declarator. */
export type DeclaratorFate = 'keep' | 'let' | 'move';

export interface SplitDeclaration {
  /** The statements that stay at module level, in order (empty when everything moved). */
  remaining: any[];
  /** For each moved declarator, the declaration to put in the handler (`var` becomes `let`). */
  moved: Map<any, any>;
}

/** Splits `declaration` (a VariableDeclaration node) by the fate of each declarator.
 * Consecutive declarators that stay with the same kind stay together; the first group
 * reuses the original node, so its comments and formatting stay as they were. */
export function splitDeclaration(j: JSCodeshift, declaration: any, fateOf: (declarator: any) => DeclaratorFate, staying: readonly any[] = []): SplitDeclaration {
  const moved = new Map<any, any>();
  const groups: { kind: string; declarators: any[] }[] = [];
  const allMove = declaration.declarations.every((d: any) => fateOf(d) === 'move');
  declaration.declarations.forEach((declarator: any, index: number) => {
    const fate = fateOf(declarator);
    if (fate === 'move') {
      const kind = declaration.kind === 'var' ? 'let' : declaration.kind;
      const statement = j.variableDeclaration(kind, [declarator]);
      if (declaration.declarations.length === 1) {
        // the whole statement moves: take its comments along (`// seen ids` above it)
        (statement as any).comments = declaration.comments;
      } else {
        // the comments above the statement are the first declarator's, whose line they
        // head (`// A running total.` above `let total = 0, label = 'x';`): they go with it
        // (a file header among them stays at the top of the file; when every declarator
        // moves, they go with the first one below)
        // a lint or compiler directive (`// eslint-disable-next-line`, `// @ts-ignore`) is about
        // the line below it, which stays: it stays above the declarators left at module level
        const above = index === 0 && !allMove ? (declaration.comments ?? []).filter((c: any) => c.leading && !staying.includes(c) && !isToolDirective(c)) : [];
        if (above.length > 0) declaration.comments = declaration.comments.filter((c: any) => !above.includes(c));
        const comments = [...above, ...(declarator.comments ?? [])];
        if (comments.length > 0) (statement as any).comments = comments;
        declarator.comments = undefined;
      }
      moved.set(declarator, statement);
      return;
    }
    const kind = fate === 'let' ? 'let' : declaration.kind;
    const last = groups[groups.length - 1];
    if (last && last.kind === kind) last.declarators.push(declarator);
    else groups.push({ kind, declarators: [declarator] });
  });

  const remaining = groups.map((group, index) => {
    if (index === 0) {
      if (declaration.kind !== group.kind) declaration.kind = group.kind;
      if (declaration.declarations.length !== group.declarators.length) declaration.declarations = group.declarators;
      return declaration;
    }
    return j.variableDeclaration(group.kind as any, group.declarators);
  });
  // every declarator moved away: the comments above the statement went with the first one
  if (remaining.length === 0 && declaration.declarations.length > 1) {
    const first = moved.values().next().value;
    if (first && declaration.comments) first.comments = [...declaration.comments, ...(first.comments ?? [])];
  }
  return { remaining, moved };
}

/** A comment addressed to a tool about the code below or beside it (a linter, the
 * TypeScript compiler, a formatter or a coverage tool), not to the reader. */
export function isToolDirective(comment: any): boolean {
  const text = String(comment?.value ?? '').replace(/^\*+/, '').trim();
  return /^(?:eslint-disable(?:-next-line|-line)?|eslint-enable|eslint\b|@ts-(?:ignore|expect-error|nocheck|check)|prettier-ignore|(?:istanbul|c8|v8)\s+ignore|jshint\b|jslint\b|jscs:|biome-ignore|deno-lint-ignore|global\s|globals\s|exported\s|lambda-clean-slate-ignore)/.test(text);
}
