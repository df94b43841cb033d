// referenceEffect: what one reference does to the binding it names.
import { referenceEffect } from '../../src/analysis/mutation';
import { jscodeshiftFor } from '../../src/analysis/parser';
import { reevaluation } from '../../src/analysis/reevaluable';

const j = jscodeshiftFor('babel');

/** The effect of the last reference to `x` in `code`. */
function effectOf(code: string): string {
  const refs = j(`let x; ${code}`)
    .find(j.Identifier, { name: 'x' })
    .paths()
    .slice(1);
  const effect = referenceEffect(refs[refs.length - 1]);
  return effect.kind === 'mutating-call' ? `mutating-call:${effect.method}` : effect.kind === 'passed' ? `passed:${effect.callee}` : effect.kind;
}

describe('referenceEffect', () => {
  it.each([
    ['x = 1', 'assign'],
    ['x += 1', 'assign'],
    ['x++', 'assign'],
    ['[x] = [1]', 'assign'],
    ['({ a: x } = {})', 'assign'],
    ['for (x of []) {}', 'assign'],
    ['x ??= 1', 'assign'],
    ['x.a = 1', 'member-write'],
    ['x.a.b.c = 1', 'member-write'],
    ['x[k]++', 'member-write'],
    ['delete x.a', 'member-write'],
    ['Object.assign(x, {})', 'member-write'],
    ['x.push(1)', 'mutating-call:push'],
    ['x.items.add(1)', 'mutating-call:add'],
    ["x['set'](1, 2)", 'mutating-call:set'],
    ['x.a.sort()', 'mutating-call:sort'],
    ['x.map((v) => v)', 'read'],
    ['x.length', 'read'],
    ['console.log(x)', 'read'],
    ['JSON.stringify(x)', 'read'],
    ['const y = [...x]', 'read'],
    ['Object.assign({}, x)', 'read'],
    ['x.get(k).push(1)', 'mutating-call:push'],
    ['x.get(k).count++', 'member-write'],
    ['x.get(k).items.add(1)', 'mutating-call:add'],
    ['x.at(-1).done = true', 'member-write'],
    ['x.get(a).get(b).push(1)', 'mutating-call:push'],
    ['Object.assign(x.get(k), {})', 'member-write'],
    ['x.get(k).length', 'read'],
    ['const y = x.get(k)', 'read'],
    ['x.get(k).map((v) => v)', 'read'],
    ['const add = x.add.bind(null)', 'alias'],
    ['x.push.apply(null, [1])', 'mutating-call:push'],
    ['x.items.add.call(null, 1)', 'mutating-call:add'],
    ['const f = x.map.bind(null)', 'read'],
    ['x.setHours(0)', 'read'],
    ['x.next()', 'read'],
    ['Object.assign(x.user, {})', 'member-write'],
    ['Object.defineProperty(x.a.b, "c", { value: 1 })', 'member-write'],
    ['Object.assign({}, x.user)', 'read'],
    ['JSON.stringify(x.user)', 'read'],
    ['const s = x', 'alias'],
    ['const s = await x', 'alias'],
    ['const items = x.items', 'alias'],
    ['merge(x)', 'passed:merge'],
    ['lib.update(x)', 'passed:lib.update'],
    ['function f() { return x; }', 'returned'],
    ['if (!x) {}', 'read'],
  ])('%s', (code, expected) => {
    expect(effectOf(code)).toBe(expected);
  });
});

describe('referenceEffect of methods that change a Date or a generator object', () => {
  const effectOfIn = (prelude: string, code: string): string => {
    const refs = j(`${prelude}\n${code}`).find(j.Identifier, { name: 'x' }).paths();
    const effect = referenceEffect(refs[refs.length - 1]);
    return effect.kind === 'mutating-call' ? `mutating-call:${effect.method}` : effect.kind;
  };
  it.each([
    ['const x = new Date(0);', 'x.setUTCDate(2)', 'mutating-call:setUTCDate'],
    ['const x = new Date(0);', 'x.setTime(5)', 'mutating-call:setTime'],
    ['const x = new Date(0);', 'x.toISOString()', 'read'],
    ['const x = clock();', 'x.setHours(0)', 'read'],
    ['function* ids() { let i = 0; while (true) yield i++; }\nconst x = ids();', 'x.next()', 'mutating-call:next'],
    ['const gen = function* () { yield 1; };\nconst x = gen();', 'x.return()', 'mutating-call:return'],
    ['function ids() { return { next: () => 1 }; }\nconst x = ids();', 'x.next()', 'read'],
  ])('%s %s', (prelude, code, expected) => {
    expect(effectOfIn(prelude, code)).toBe(expected);
  });
});

describe('reevaluation', () => {
  const check = (init: string) => {
    const path = j(`const TABLE = process.env.TABLE; const N = 3; const OBJ = {}; const value = ${init};`)
      .find(j.VariableDeclarator, { id: { name: 'value' } })
      .get('init');
    return reevaluation(path).ok;
  };

  it.each([
    ['0', true],
    ["'a'", true],
    ['null', true],
    ['[]', true],
    ['[1, [2, { a: 3 }]]', true],
    ['{ user: null, tags: [] }', true],
    ['new Map()', true],
    ["new Set(['a', N])", true],
    ['new WeakMap()', true],
    ['`${TABLE}-x`', true],
    ['process.env.LIMIT', true],
    ['N * 2', true],
    ['Number(process.env.N)', true],
    ['Date.now()', false],
    ['load()', false],
    ['new Registry()', false],
    ['new Set(load())', false],
    ['OBJ', false],
    ['{ get a() { return 1; } }', false],
    ['[...OBJ.list]', false],
    ['-Infinity', true],
    ['NaN', true],
    ['+N', true],
    ['!N', true],
    ['typeof TABLE', true],
    ['void 0', true],
    ['-[1].length', false],
    ['-load()', false],
    ["process.env.X ? [] : ['a']", true],
    ['N || new Map()', true],
    ['N ? load() : []', false],
  ])('%s', (init, expected) => {
    expect(check(init)).toBe(expected);
  });

  it.each([
    ['OBJ.list', 'the initial value, `OBJ.list`, cannot be shown to be free of side effects'],
    ['{ items: [...OBJ.list] }', 'part of the initial value, `OBJ.list`, cannot be shown to be free of side effects'],
    ['{ [OBJ.key]: 1 }', 'the initial value has a computed key, `OBJ.key`'],
    ['OBJ', 'the initial value is `OBJ`, another binding whose value may change'],
  ])('explains %s with its source text', (init, reason) => {
    const path = j(`const OBJ = {}; const value = ${init};`).find(j.VariableDeclarator, { id: { name: 'value' } }).get('init');
    expect(reevaluation(path)).toEqual({ ok: false, reason });
  });

  it('is false for the global Infinity when the module declares its own', () => {
    const path = j('let Infinity = 1; const value = -Infinity;').find(j.VariableDeclarator, { id: { name: 'value' } }).get('init');
    expect(reevaluation(path).ok).toBe(false);
  });

  it('is false when a built-in name is shadowed by the module', () => {
    const path = j('class Map {} const value = new Map();').find(j.VariableDeclarator, { id: { name: 'value' } }).get('init');
    expect(reevaluation(path).ok).toBe(false);
  });
});

describe('reevaluation of functions', () => {
  it('takes making a function as free of side effects, but not an object with accessors', () => {
    const j = jscodeshiftFor('babel');
    const init = (source: string) => j(`const x = ${source};`).find(j.VariableDeclarator).get('init');
    expect(reevaluation(init('(text) => text.toUpperCase()')).ok).toBe(true);
    expect(reevaluation(init('function (a = sideEffect()) { return a; }')).ok).toBe(true);
    expect(reevaluation(init('{ fmt: (x) => x }')).ok).toBe(true);
    expect(reevaluation(init('{ get a() { return 1; } }')).ok).toBe(false);
    expect(reevaluation(init('{ m() { return 1; } }')).ok).toBe(false);
  });
});
