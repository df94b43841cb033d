// Files written without semicolons guard a statement that begins with ( [ ` + - or / with
// a `;` (`;[a, b].forEach(f)`). Printing a changed tree must keep those guards where the
// user wrote them and guard such a statement that now follows a generated line; otherwise
// the output still parses but runs as something else (`let n = 0\n[a].forEach(f)` indexes 0).
import vm from 'node:vm';
import { applyTransforms } from '../src/analysis/applyTransforms';
import { jscodeshiftFor } from '../src/analysis/parser';
import { printWithStyle } from '../src/analysis/print';
import { measureStyle } from '../src/analysis/style';
import { loadTransform } from '../transforms';

const j = jscodeshiftFor('babel');

/** Parses `source`, lets `change` edit the tree, prints it in the file's measured style. */
function reprint(source: string, change: (program: any) => void): string {
  const root = j(source);
  change(root.get().node.program);
  return printWithStyle(root, measureStyle(source), source);
}

const letZero = (name: string) => j.variableDeclaration('let', [j.variableDeclarator(j.identifier(name), j.literal(0))]);
const assignEmpty = (name: string) => j.expressionStatement(j.assignmentExpression('=', j.identifier(name), j.arrayExpression([])));

/** Runs a script and gives back what it left in `out`. */
function run(code: string): unknown {
  const context: Record<string, unknown> = { out: undefined };
  vm.runInNewContext(code, context);
  return context.out;
}

const migrate = (source: string, transforms: Array<'globals' | 'tmp' | 'clients' | 'container-id'>, file = 'handler.js') =>
  applyTransforms(source, file, { transforms: transforms.map(loadTransform) });

describe('printWithStyle in a file without semicolons', () => {
  it("keeps a guard that is the previous statement's own `;` when code is inserted after that statement", () => {
    const source = "const a = 1\n;['x', 'y'].forEach((k) => { out = (out || '') + k })\n";
    const printed = reprint(source, (program) => program.body.splice(1, 0, letZero('n')));
    expect(printed).toBe("const a = 1\nlet n = 0\n;['x', 'y'].forEach((k) => { out = (out || '') + k })\n");
    expect(run(printed)).toBe('xy');
  });

  it('keeps a guard that is an empty statement of its own at the top of a block (recast does not print those)', () => {
    const source = 'function f(ids) {\n  ;(ids || []).forEach((id) => { out = id })\n}\nf([7])\n';
    const printed = reprint(source, (program) => program.body[0].body.body.unshift(assignEmpty('items')));
    expect(printed).toBe('function f(ids) {\n  items = []\n  ;(ids || []).forEach((id) => { out = id })\n}\nf([7])\n');
    expect(run(`var items\n${printed}`)).toBe(7);
  });

  it('keeps the indentation of consecutive guards after inserted code', () => {
    const source = 'function f(s, n) {\n  const parts = []\n  ;/abc/.test(s) && parts.push(1)\n  ;-1 === n && parts.push(2)\n  out = parts\n}\nf("abc", -1)\n';
    const printed = reprint(source, (program) => program.body[0].body.body.unshift(letZero('n0')));
    expect(printed).toBe('function f(s, n) {\n  let n0 = 0\n  const parts = []\n  ;/abc/.test(s) && parts.push(1)\n  ;-1 === n && parts.push(2)\n  out = parts\n}\nf("abc", -1)\n');
    expect(run(printed)).toEqual([1, 2]);
  });

  it.each([
    ['(', '(out = 1)'],
    ['[', '[out] = [1]'],
    ['`', '`${out = 1}`'],
    ['+', '+(out = 1)'],
    ['-', '-(out = 1)'],
    ['/', '/x/.test(out = 1)'],
  ])('guards a statement beginning with %s that now follows a generated line', (_char, statement) => {
    // after a function declaration's `}` the user needed no guard; after `let n = 0` it does
    const source = `const a = 1\nfunction f() {}\n${statement}\n`;
    const printed = reprint(source, (program) => program.body.splice(2, 0, letZero('n')));
    expect(printed).toBe(`const a = 1\nfunction f() {}\nlet n = 0\n;${statement}\n`);
    expect(run(printed)).toBe(1);
  });

  it("writes the guard as the file's own guards are written", () => {
    const source = "const a = 1\n; ['x'].forEach((k) => { out = k })\nfunction f() {}\n(out += 'y')\n";
    const printed = reprint(source, (program) => program.body.splice(3, 0, letZero('n')));
    expect(printed).toBe("const a = 1\n; ['x'].forEach((k) => { out = k })\nfunction f() {}\nlet n = 0\n; (out += 'y')\n");
    expect(run(printed)).toBe('xy');
  });

  it('ends the generated line with `;` in a file that guards with a trailing `;`', () => {
    const source = "let a = 1;\n['x'].forEach((k) => { out = k })\nfunction f() {}\n(out += 'y')\nconst b = 2\nconst c = 3\n";
    const printed = reprint(source, (program) => program.body.splice(3, 0, letZero('n')));
    expect(printed).toBe("let a = 1;\n['x'].forEach((k) => { out = k })\nfunction f() {}\nlet n = 0;\n(out += 'y')\nconst b = 2\nconst c = 3\n");
    expect(run(printed)).toBe('xy');
  });

  it('keeps guards with CRLF line ends', () => {
    const source = "const a = 1\r\n;['x'].forEach((k) => { out = k })\r\n";
    const printed = reprint(source, (program) => program.body.splice(1, 0, letZero('n')));
    expect(printed).toBe("const a = 1\r\nlet n = 0\r\n;['x'].forEach((k) => { out = k })\r\n");
  });

  it('reads leading guards as the style of a file without semicolons', () => {
    expect(measureStyle("exports.handler = async (event) => {\n  ;[event.a, event.b] = [event.b, event.a]\n  return { a: event.a }\n}\n").semicolons).toBe(false);
  });
});

describe('migrate in a file without semicolons', () => {
  const reported = "const fs = require('fs')\n;['r3_51a', 'r3_51b'].forEach((k) => { globalThis[k] = true })\nexports.handler = async (event) => {\n  return { id: event.id, g: globalThis.r3_51a === true }\n}\n";

  it('keeps the guard after the imports when container-id inserts its lines there, and a second run changes nothing', () => {
    const first = migrate(reported, ['container-id']);
    expect(first.error).toBeUndefined();
    expect(first.output).toContain("let invocationCount = 0\n\n;['r3_51a', 'r3_51b'].forEach((k) => { globalThis[k] = true })\n");
    expect(migrate(first.output!, ['container-id']).output).toBeNull();
    // it loads: the array is not read as an index into 0
    const module = { exports: {} as any };
    vm.runInNewContext(first.output!, { module, exports: module.exports, require, globalThis: {}, console: { log: () => undefined } });
    expect(typeof module.exports.handler).toBe('function');
  });

  it('guards a handler line after an inserted reset, and the inserted /tmp cleanup', () => {
    const reset = migrate('const items = []\nfunction add(id) { items.push(id) }\nexports.handler = async (event) => {\n  ;(event.ids || [event.id]).forEach(add)\n  return { items }\n}\n', ['globals']);
    expect(reset.output).toContain('  items = []\n  ;(event.ids || [event.id]).forEach(add)\n');
    expect(migrate(reset.output!, ['globals']).output).toBeNull();

    const moved = migrate('let last = null\nexports.handler = async (event) => {\n  ;[last] = [event.a]\n  return { last }\n}\n', ['globals']);
    expect(moved.output).toContain('  let last = null\n  ;[last] = [event.a]\n');

    // the reset's `total = 1` is a new line before the user's `+ 2`, which still continues it
    const continued = migrate('let total = 1\n  + 2\nfunction add(n) { total += n }\nexports.handler = async (event) => {\n  ;[event.a] = [event.b]\n  add(event.a)\n  return { total }\n}\n', ['globals']);
    expect(continued.output).toContain('  total = 1\n    + 2\n  ;[event.a] = [event.b]\n');

    const tmp = migrate("const fs = require('fs')\nexports.handler = async (event) => {\n  `${event.id}`.split('').forEach((c) => fs.appendFileSync('/tmp/lcs-asi.txt', c))\n  return 1\n}\n", ['tmp']);
    expect(tmp.output).toContain("  await fs.promises.rm('/tmp/lcs-asi.txt', { force: true })\n  ;`${event.id}`");
    expect(migrate(tmp.output!, ['tmp']).output).toBeNull();
  });
});

describe('semicolons taken off generated lines, and only there', () => {
  const globals = [loadTransform('globals')];

  it("keeps a generated comment's sentence whole, and takes the ';' recast adds off a moved line that begins with an operator", () => {
    const source = "const PRICE = 3\nlet total = PRICE\n  * 2\n\nexports.handler = async (event) => {\n  total += event.n\n  return total\n}\n";
    const result = applyTransforms(source, 'h.js', { transforms: globals });
    expect(result.output).toContain('    * 2\n');
    expect(result.output).not.toMatch(/\* 2;/);
  });

  it("keeps the ';' inside a block comment that moved with its declaration", () => {
    const source = "/**\n * Items of this request, cleared by hand;\n */\nlet items = []\n\nexports.handler = async (event) => {\n  items.push(event.id)\n  return items.length\n}\n";
    const result = applyTransforms(source, 'h.js', { transforms: globals });
    expect(result.output).toContain(' * Items of this request, cleared by hand;');
  });
});
