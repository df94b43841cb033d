// Maps a built file named by a handler string (`dist/app.handler`) back to the source the
// user edits (`src/app.ts`), through the `outDir` and `rootDir` of the nearest tsconfig.json.
//
// `extends` is followed as tsc follows it: a relative or absolute path (`.json` added when the
// file does not exist as written), or a package specifier resolved from the config's folder
// through node_modules (`@tsconfig/node20/tsconfig.json`, or a bare `pkg`: its package.json
// `exports`, then its `tsconfig` field, then its `tsconfig.json`); an array of bases (TS 5.0) is
// applied in order, later bases overriding earlier ones and the config itself overriding all.
// A relative `outDir`/`rootDir` is resolved against the config file that sets it;
// `${configDir}` (TS 5.5) stands for the folder of the config tsc is run with.
import fs from 'node:fs';
import path from 'node:path';

export interface OutputLayout {
  /** Absolute directory the compiler writes to. */
  outDir: string;
  /** Absolute directories the sources may live in, most likely first. */
  sourceRoots: string[];
  /** The tsconfig file the layout comes from. */
  config: string;
  /** How outDir and rootDir were found, for notes: `outDir "../dist" (from ../tsconfig.base.json)`. */
  describe: string;
}

/** What the nearest tsconfig says about build output: a layout, or why there is none. */
export interface LayoutLookup {
  /** The tsconfig file found (absolute), if any. */
  config?: string;
  layout?: OutputLayout;
  /** Why no layout could be read from the config found: a base that was not found, a
   * cycle, a file that does not parse, no outDir. */
  problem?: string;
}

/** Config file names looked for in each folder: tsconfig.json, and tsconfig.build.json (often
 * the one with outDir, extending an editor-only tsconfig.json). */
/** Config files that may set an outDir, looked for in each folder (and noted by discovery). */
export const TSCONFIG_NAMES = ['tsconfig.json', 'tsconfig.build.json'];

/** The outDir/rootDir layout of the tsconfig nearest to `dir` (searching up to `stopAt`). */
export function findOutputLayout(dir: string, stopAt: string): OutputLayout | null {
  return lookUpOutputLayout(dir, stopAt).layout ?? null;
}

/** Like findOutputLayout, with the reason when the nearest tsconfig gives no layout. */
export function lookUpOutputLayout(dir: string, stopAt: string): LayoutLookup {
  for (let current = dir; ; current = path.dirname(current)) {
    const found = TSCONFIG_NAMES.map((name) => path.join(current, name)).filter((file) => isFile(file));
    if (found.length > 0) {
      let first: LayoutLookup | undefined;
      for (const file of found) {
        const lookup = layoutOf(file);
        if (lookup.layout) return lookup;
        first ??= lookup;
      }
      return first!;
    }
    if (current === stopAt || path.dirname(current) === current) return {};
  }
}

/** For a run over many files: a function giving the layouts of the tsconfigs in a directory
 * and the directories above it (up to `stopAt`, or the root of the file system when the
 * directory is not under it), nearest first. Each directory is looked at once; one in
 * `listed` (config files by directory, as a walk found them) is not looked at again. */
export function layoutsAt(stopAt: string, listed?: Map<string, string[]>): (dir: string) => OutputLayout[] {
  const known = new Map<string, OutputLayout[]>();
  const at = (dir: string): OutputLayout[] => {
    let layouts = known.get(dir);
    if (layouts) return layouts;
    // the config files of a directory a walk listed already; else looked for
    const here = (listed?.get(dir) ?? TSCONFIG_NAMES.map((name) => path.join(dir, name)).filter((file) => isFile(file)))
      .map((file) => layoutOf(file).layout)
      .filter((layout): layout is OutputLayout => layout !== undefined);
    const parent = path.dirname(dir);
    layouts = dir === stopAt || parent === dir ? here : [...here, ...at(parent)];
    known.set(dir, layouts);
    return layouts;
  };
  return at;
}

/** The compilerOptions that change how `file` compiles to JavaScript, from the tsconfig.json
 * nearest to it (as tsc and editors find it), with its bases; {} when there is none. */
export function transpileOptionsFor(file: string): Record<string, unknown> {
  for (let current = path.dirname(path.resolve(file)); ; current = path.dirname(current)) {
    const config = path.join(current, 'tsconfig.json');
    if (isFile(config)) return readCompilerOptions(config).transpile ?? {};
    if (path.dirname(current) === current) return {};
  }
}

/** The layout one tsconfig file gives. */
export function layoutOf(file: string): LayoutLookup {
  const configDir = path.dirname(file);
  const options = readCompilerOptions(file);
  const shown = (p: string) => path.relative(configDir, p).replace(/\\/g, '/') || '.';
  if (!options.outDir) {
    const why = options.problems.length > 0 ? options.problems.join('; ') : `${path.basename(file)} sets no outDir`;
    return { config: file, problem: why };
  }
  const resolve = (option: PathOption) =>
    option.value.startsWith('${configDir}') ? path.join(configDir, option.value.slice('${configDir}'.length)) : path.resolve(path.dirname(option.from), option.value);
  const outDir = resolve(options.outDir);
  const rootDir = options.rootDir ? resolve(options.rootDir) : undefined;
  const sourceRoots = rootDir
    ? [rootDir]
    : // without rootDir TypeScript uses the common root of the inputs: usually src/ or the project
      [path.join(configDir, 'src'), configDir];
  const from = (option: PathOption) => (option.from === file ? '' : ` set in ${path.relative(configDir, option.from).replace(/\\/g, '/')}`);
  const inheritedRelative = [options.outDir, options.rootDir].some((option) => option && option.from !== file && !option.value.startsWith('${configDir}'));
  const describe =
    `outDir "${shown(outDir)}"${from(options.outDir)}` +
    (options.rootDir && rootDir ? `, rootDir "${shown(rootDir)}"${from(options.rootDir)}` : ', no rootDir') +
    // the usual surprise: a base's relative paths are relative to the base, not to the project
    (inheritedRelative ? '; a relative path in a base config is relative to that base (`${configDir}/dist` is relative to each project)' : '') +
    (options.problems.length > 0 ? `; ${options.problems.join('; ')}` : '');
  return { config: file, layout: { outDir, sourceRoots, config: file, describe } };
}

/** A path option as written, and the config file that sets it. */
interface PathOption {
  value: string;
  from: string;
}

interface PathOptions {
  outDir?: PathOption;
  rootDir?: PathOption;
  /** `baseUrl`, the folder non-relative imports and `paths` are resolved from. */
  baseUrl?: PathOption;
  /** `paths` (`{ "@shared/*": ["packages/shared/src/*"] }`), with the config that sets it:
   * without a baseUrl, its targets are relative to that config's folder. */
  paths?: { value: Record<string, unknown>; from: string };
  /** The options that change how a file compiles to JavaScript (see TRANSPILE_OPTIONS). */
  transpile?: Record<string, unknown>;
  /** Bases that could not be read, cycles. */
  problems: string[];
}

/** compilerOptions that change the JavaScript a TypeScript file becomes, which a transpiler
 * must be told (esbuild's `tsconfigRaw` reads these): legacy decorators, class fields, JSX,
 * the imports kept. */
const TRANSPILE_OPTIONS = [
  'experimentalDecorators',
  'useDefineForClassFields',
  'target',
  'verbatimModuleSyntax',
  'preserveValueImports',
  'importsNotUsedAsValues',
  'alwaysStrict',
  'jsx',
  'jsxFactory',
  'jsxFragmentFactory',
  'jsxImportSource',
];

/** compilerOptions.outDir/rootDir/baseUrl/paths of a config and its bases. */
export function readCompilerOptions(file: string): PathOptions {
  const problems: string[] = [];
  const options = readChain(file, [], problems, path.dirname(file));
  return { ...options, problems };
}

function readChain(file: string, chain: string[], problems: string[], leafDir: string): Omit<PathOptions, 'problems'> {
  const shown = path.relative(leafDir, file).replace(/\\/g, '/') || file;
  const real = realPath(file);
  if (chain.includes(real)) {
    problems.push(`extends cycle through ${shown}`);
    return {};
  }
  if (chain.length > 32) {
    problems.push(`extends chain too deep at ${shown}`);
    return {};
  }
  let config: any;
  try {
    config = parseJsonc(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    problems.push(`${shown} could not be read (${(error as Error).message.split('\n')[0]})`);
    return {};
  }
  if (!config || typeof config !== 'object' || Array.isArray(config)) {
    problems.push(`${shown} is not a JSON object`);
    return {};
  }
  const dir = path.dirname(file);
  const own: Omit<PathOptions, 'problems'> = {};
  const compilerOptions = config.compilerOptions && typeof config.compilerOptions === 'object' ? config.compilerOptions : {};
  for (const key of ['outDir', 'rootDir', 'baseUrl'] as const) {
    if (typeof compilerOptions[key] === 'string' && compilerOptions[key] !== '') own[key] = { value: compilerOptions[key], from: file };
  }
  if (compilerOptions.paths && typeof compilerOptions.paths === 'object' && !Array.isArray(compilerOptions.paths)) own.paths = { value: compilerOptions.paths, from: file };
  const transpile = Object.fromEntries(TRANSPILE_OPTIONS.filter((key) => compilerOptions[key] !== undefined).map((key) => [key, compilerOptions[key]]));
  const bases: unknown[] = typeof config.extends === 'string' ? [config.extends] : Array.isArray(config.extends) ? config.extends : [];
  let inherited: Omit<PathOptions, 'problems'> = {};
  for (const base of bases) {
    if (typeof base !== 'string' || base === '') {
      problems.push(`${shown}: an extends entry is not a path`);
      continue;
    }
    const baseFile = resolveExtends(base, dir);
    if (!baseFile) {
      problems.push(`${shown} extends "${base}", which was not found`);
      continue;
    }
    const options = readChain(baseFile, [...chain, real], problems, leafDir);
    inherited = { ...inherited, ...definedOnly(options), transpile: { ...inherited.transpile, ...options.transpile } };
  }
  return { ...inherited, ...definedOnly(own), transpile: { ...inherited.transpile, ...transpile } };
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** The file an `extends` entry names, as tsc finds it; null when there is none. */
export function resolveExtends(specifier: string, fromDir: string): string | null {
  const normalized = specifier.replace(/\\/g, '/');
  if (path.isAbsolute(normalized) || /^[A-Za-z]:\//.test(normalized) || normalized.startsWith('./') || normalized.startsWith('../') || normalized === '.' || normalized === '..') {
    const file = path.resolve(fromDir, normalized);
    if (isFile(file)) return file;
    if (!file.endsWith('.json') && isFile(`${file}.json`)) return `${file}.json`;
    return null;
  }
  return resolvePackageConfig(normalized, fromDir);
}

/** `@scope/name/sub/path`, `name/sub`, `name` from node_modules folders up from `fromDir`. */
function resolvePackageConfig(specifier: string, fromDir: string): string | null {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.slice(0, nameLength).some((part) => part === '')) return null;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const packageDir = path.join(dir, 'node_modules', name);
    if (isDirectory(packageDir)) {
      const file = configInPackage(packageDir, subpath);
      if (file) return file;
    }
    if (path.dirname(dir) === dir) return null;
  }
}

function configInPackage(packageDir: string, subpath: string): string | null {
  let manifest: any = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8'));
  } catch {
    // no package.json: plain files
  }
  if (manifest && manifest.exports !== undefined && manifest.exports !== null) {
    const target = exportTarget(manifest.exports, subpath === '' ? '.' : `./${subpath}`);
    if (target) {
      const file = path.resolve(packageDir, target);
      if (isFile(file)) return file;
      if (!file.endsWith('.json') && isFile(`${file}.json`)) return `${file}.json`;
    }
  }
  if (subpath === '') {
    if (manifest && typeof manifest.tsconfig === 'string') {
      const file = path.resolve(packageDir, manifest.tsconfig);
      if (isFile(file)) return file;
    }
    const file = path.join(packageDir, 'tsconfig.json');
    return isFile(file) ? file : null;
  }
  const file = path.join(packageDir, subpath);
  if (isFile(file)) return file;
  if (!file.endsWith('.json') && isFile(`${file}.json`)) return `${file}.json`;
  if (isFile(path.join(file, 'tsconfig.json'))) return path.join(file, 'tsconfig.json');
  return null;
}

/** The conditions of package.json `exports` that apply here (a package's own order of them decides). */
const CONDITIONS = new Set(['types', 'import', 'require', 'node', 'default']);

/** Every target package.json `exports` gives a subpath (`.`, `./metrics`), in the order of
 * its conditions, with `*` patterns. */
export function exportTargets(exports: unknown, subpath: string): string[] {
  const isSubpathMap = (value: unknown): value is Record<string, unknown> =>
    !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).some((key) => key.startsWith('.'));
  const map: Record<string, unknown> = isSubpathMap(exports) ? exports : { '.': exports };
  if (Object.prototype.hasOwnProperty.call(map, subpath)) return conditionTargets(map[subpath], '');
  let best: { key: string; star: string } | null = null;
  for (const key of Object.keys(map)) {
    const star = key.indexOf('*');
    if (star < 0) continue;
    const prefix = key.slice(0, star);
    const suffix = key.slice(star + 1);
    if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length >= key.length - 1) {
      if (!best || prefix.length > best.key.indexOf('*')) best = { key, star: subpath.slice(prefix.length, subpath.length - suffix.length) };
    }
  }
  return best ? conditionTargets(map[best.key], best.star) : [];
}

function conditionTargets(value: unknown, star: string): string[] {
  if (typeof value === 'string') return [value.replace(/\*/g, star)];
  if (Array.isArray(value)) return value.flatMap((item) => conditionTargets(item, star));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => (CONDITIONS.has(key) ? conditionTargets(item, star) : []));
  }
  return [];
}

/** The first target package.json `exports` gives a subpath, or null. */
function exportTarget(exports: unknown, subpath: string): string | null {
  return exportTargets(exports, subpath).find(Boolean) ?? null;
}

/** tsconfig.json is JSON with comments and trailing commas (and maybe a BOM). */
export function parseJsonc(text: string): unknown {
  return JSON.parse(stripJsonComments(text));
}

/** Removes comments, trailing commas (outside strings) and a leading BOM. */
export function stripJsonComments(text: string): string {
  let out = '';
  // the index in `out` of a comma not yet followed by anything but whitespace and comments
  let pendingComma = -1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      pendingComma = -1;
      let end = i + 1;
      while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      if (end < 0) throw new SyntaxError('unterminated comment');
      out += ' ';
      i = end + 1;
    } else if (c === '}' || c === ']') {
      if (pendingComma >= 0) out = out.slice(0, pendingComma) + ' ' + out.slice(pendingComma + 1);
      pendingComma = -1;
      out += c;
    } else if (c === ',') {
      pendingComma = out.length;
      out += c;
    } else {
      if (!/\s/.test(c)) pendingComma = -1;
      out += c;
    }
  }
  return out;
}

export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function isDirectory(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

export function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
