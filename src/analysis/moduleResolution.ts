// Which file of the project an import names, the way the project's own build finds it:
//
// - a relative specifier (`./lib/audit`, `../shared/src/metrics.js`): as Node finds it, or as
//   TypeScript does for `.js` written for a `.ts` file;
// - a tsconfig `paths` alias (`@shared/metrics` with `"paths": { "@shared/*": ["packages/shared/src/*"] }`),
//   from the tsconfig.json nearest to the importing file, its `extends` bases followed (see
//   ../engine/tsconfig.ts): `*` patterns, the most specific pattern first (as TypeScript
//   chooses), its targets tried in order, relative to `baseUrl` or else to the config that
//   sets `paths`;
// - a package name that Node finds in a node_modules folder up from the importing file, when
//   that is a link to a folder of the project (a workspace package, `@acme/shared` linked to
//   packages/shared): its package.json `exports` ("." or a subpath, with the `types`,
//   `import`, `require`, `node` and `default` conditions), `types`, `main`. An entry that is
//   built output (`dist/index.js` under the package tsconfig's outDir) is read from its
//   source (rootDir), and a `types` entry naming a `.ts` file is that source; built output
//   with no source found is not followed. A package that is really in node_modules (its real
//   path is below a node_modules folder) is somebody else's code: not followed.
//
// - with the Lambda layers of the handler's function (read from template.yaml or serverless.yml,
//   see ../engine/manifests.ts): `/opt/nodejs/X` as `<layer>/nodejs/X`, `/opt/X` as `<layer>/X`
//   (Lambda mounts each layer's content at /opt; a later layer wins), and a package name Node
//   does not find in a node_modules folder up from the importing file in the layer's
//   `nodejs/node20/node_modules` or `nodejs/node_modules` (the NODE_PATH Lambda sets). A layer
//   folder is the project's own code: its packages are followed like workspace packages,
//   except one the layer's `nodejs/package.json` (or the layer folder's package.json) lists
//   as a registry dependency (a version range or a tag, not `file:`, `link:`, `workspace:`):
//   that is somebody else's code installed into the layer.
//
// tsconfig files are read only when a package name or an alias is being resolved, once per
// folder (and again when the config file changes).
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { exportTargets, isDirectory, isFile, lookUpOutputLayout, readCompilerOptions, realPath } from '../engine/tsconfig';

/** Extensions tried, in Node's order for CommonJS and then TypeScript's, for a specifier
 * written without one (`require('./lib/audit')`). */
export const EXTENSIONS = ['.js', '.cjs', '.mjs', '.ts', '.cts', '.mts', '.tsx', '.jsx'];
/** `./audit.js` in TypeScript source names `./audit.ts` (TypeScript's ES module resolution). */
const TS_FOR_JS: Record<string, string[]> = { '.js': ['.ts', '.tsx'], '.mjs': ['.mts'], '.cjs': ['.cts'], '.jsx': ['.tsx'] };
const TS_SOURCE = /\.(?:ts|tsx|mts|cts)$/;
const DECLARATION = /\.d\.(?:ts|mts|cts)$|\.d\.[^.]+\.ts$/;

export interface ResolveOptions {
  /** Whether a file found may be the answer (the parsers' extensions, say); any file when not given. */
  accept?: (file: string) => boolean;
  /** The Lambda layers of the importing handler's function: `/opt/...` and package names
   * Node does not find otherwise are looked up in them. */
  layers?: LambdaLayers;
}

/** A layer whose content is a folder here (migrate's analysis and simulate's runner). */
export interface LayerFolder {
  /** The folder Lambda mounts at /opt; null when a build step puts the folder's content
   * under /opt/nodejs (SAM's `BuildMethod: nodejs20.x`). */
  opt: string | null;
  /** The folder that is /opt/nodejs. */
  nodejs: string;
}

/** One layer of a function whose content is a folder of the project. */
export interface LayerRoot extends LayerFolder {
  /** Where the manifest declares it (`CommonLayer`, `layers.common`). */
  origin: string;
}

/** The layers a handler module's function uses, in the manifest's order. */
export interface LambdaLayers {
  /** Layers whose content is a folder of the project. */
  roots: LayerRoot[];
  /** Layers this tool cannot map to a folder (an ARN, a parameter, an S3 location), as written. */
  other: string[];
}

/** `/opt`, `/opt/nodejs/common.js`: a path inside Lambda's layer mount. */
export function isLayerPath(specifier: string): boolean {
  return specifier === '/opt' || specifier.startsWith('/opt/');
}

/** Package names the Lambda Node.js runtime provides itself (the AWS SDK). */
export function isRuntimePackage(specifier: string): boolean {
  return specifier.startsWith('@aws-sdk/') || specifier.startsWith('@smithy/') || specifier === 'aws-sdk' || specifier.startsWith('aws-sdk/');
}

/** Where an `/opt/...` specifier is in the layers' folders, a later layer first (Lambda
 * extracts them in order, so a later layer's file wins): `/opt/nodejs/X` is `<nodejs>/X`,
 * `/opt/X` is `<opt>/X`. The path is normalized first; one that leaves /opt maps nowhere.
 * These are paths as written, to resolve as files or folders (migrate, simulate's runner). */
export function layerPathCandidates(specifier: string, layers: readonly LayerFolder[]): string[] {
  if (!isLayerPath(specifier)) return [];
  const normalized = path.posix.normalize(specifier);
  if (!isLayerPath(normalized)) return [];
  const rest = normalized.slice('/opt'.length).replace(/^\//, '');
  const out: string[] = [];
  for (const layer of [...layers].reverse()) {
    if (rest === 'nodejs' || rest.startsWith('nodejs/')) out.push(path.join(layer.nodejs, rest.slice('nodejs'.length)));
    else if (layer.opt) out.push(path.join(layer.opt, rest));
  }
  return out;
}

/** The folders of a layer's /opt/nodejs that Lambda's NODE_PATH names, in its order. */
export const LAYER_NODE_MODULES: readonly string[] = [path.join(`node${process.versions.node.split('.')[0]}`, 'node_modules'), 'node_modules'];

/** Lambda's NODE_PATH for these layers: each layer's nodejs/nodeNN/node_modules and
 * nodejs/node_modules, a later layer first. */
export function layerNodePath(layers: readonly LayerFolder[]): string[] {
  return [...layers].reverse().flatMap((layer) => LAYER_NODE_MODULES.map((dir) => path.join(layer.nodejs, dir)));
}

/** The project file an `/opt/...` specifier names through the layers (the last layer that
 * has it, as Lambda extracts them in order); null when none has it. */
export function resolveLayerPath(specifier: string, layers: LambdaLayers | undefined, options: ResolveOptions = {}): string | null {
  if (!layers) return null;
  for (const base of layerPathCandidates(specifier, layers.roots)) {
    const file = resolveFileOrFolder(base, options);
    if (file) return file;
  }
  return null;
}

/** Node finds the package `specifier` in a node_modules folder up from `fromFile` (or it is a builtin). */
export function nodeFindsPackage(fromFile: string, specifier: string): boolean {
  if (isBuiltin(specifier)) return true;
  const name = packageName(specifier);
  if (!name) return false;
  for (let dir = path.dirname(path.resolve(fromFile)); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules' && isDirectory(path.join(dir, 'node_modules', name))) return true;
    if (path.dirname(dir) === dir) return false;
  }
}

/** The project file a package name names in a layer's `nodejs/node20/node_modules` or
 * `nodejs/node_modules` (Lambda's NODE_PATH), when Node does not find it up from `fromFile`. */
export function resolveLayerPackage(fromFile: string, specifier: string, layers: LambdaLayers | undefined, options: ResolveOptions = {}): string | null {
  if (!layers || !isBare(specifier) || nodeFindsPackage(fromFile, specifier)) return null;
  const name = packageName(specifier);
  if (!name) return null;
  const subpath = specifier.slice(name.length + 1);
  for (const root of [...layers.roots].reverse()) {
    for (const modules of LAYER_NODE_MODULES) {
      const dir = path.join(root.nodejs, modules, name);
      if (!isDirectory(dir)) continue;
      // installed from a registry into the layer (its package.json lists it): somebody else's code
      if (layerManifests(root).some((manifest) => isRegistryDependency(dependencySpec(manifest, name)))) return null;
      return entryOf(realPath(dir), subpath, options);
    }
  }
  return null;
}

/** Where a package.json lists the packages a project installs. */
const DEPENDENCY_FIELDS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'];

/** The package.json files of a layer's folder: its nodejs/package.json and, when the folder
 * is /opt, the folder's own. */
function layerManifests(layer: LayerFolder): string[] {
  return [path.join(layer.nodejs, 'package.json'), ...(layer.opt ? [path.join(layer.opt, 'package.json')] : [])];
}

/** What the package.json `manifest` gives for the package `name` in its dependency fields
 * (the first that lists it); undefined when none does, or there is no such file. */
function dependencySpec(manifest: string, name: string): string | undefined {
  if (!isFile(manifest)) return undefined;
  let data: any;
  try {
    data = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  } catch {
    return undefined;
  }
  for (const field of DEPENDENCY_FIELDS) {
    const deps = data?.[field];
    if (deps && typeof deps === 'object' && Object.prototype.hasOwnProperty.call(deps, name)) return typeof deps[name] === 'string' ? deps[name] : '';
  }
  return undefined;
}

/** A dependency installed from a registry (a version range, a tag, `npm:`, a git or tarball
 * URL), not a folder of the project (`file:`, `link:`, `workspace:`, `portal:`, a path). */
function isRegistryDependency(spec: string | undefined): boolean {
  if (spec === undefined) return false;
  return !/^(?:file|link|workspace|portal):/.test(spec) && !/^(?:\.{1,2}\/|\/|~\/)/.test(spec);
}

/** A package.json lists the package `specifier` names: one of those from `fromFile`'s
 * folder up to the project root (the folder holding `.git`; the file system root without
 * one), or one of the layers' folders. Such a package is an ordinary npm dependency that
 * is not installed here (a fresh clone, a CI job; `sam build` installs elsewhere). */
export function declaredDependency(fromFile: string, specifier: string, layers?: LambdaLayers): boolean {
  const name = isBare(specifier) ? packageName(specifier) : null;
  if (!name) return false;
  for (let dir = path.dirname(path.resolve(fromFile)); ; dir = path.dirname(dir)) {
    if (dependencySpec(path.join(dir, 'package.json'), name) !== undefined) return true;
    if (fs.existsSync(path.join(dir, '.git')) || path.dirname(dir) === dir) break;
  }
  return (layers?.roots ?? []).some((root) => layerManifests(root).some((manifest) => dependencySpec(manifest, name) !== undefined));
}

/** `@scope/name` or `name` of a package specifier (`lodash/fp` → `lodash`); null when malformed. */
function packageName(specifier: string): string | null {
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.slice(0, nameLength).some((part) => part === '' || part === '.' || part === '..')) return null;
  return parts.slice(0, nameLength).join('/');
}

/** The project file `specifier` (imported by `fromFile`) names, or null: a package of
 * node_modules, a builtin, an absolute path, or nothing found. */
export function resolveProjectModule(fromFile: string, specifier: string, options: ResolveOptions = {}): string | null {
  if (isRelative(specifier)) return resolveRelative(fromFile, specifier, options);
  if (isLayerPath(specifier)) return resolveLayerPath(specifier, options.layers, options);
  if (!isBare(specifier)) return null;
  const aliased = resolvePathsAlias(fromFile, specifier, options);
  if (aliased !== undefined) return aliased && !inNodeModules(realPath(aliased)) ? aliased : null;
  return resolveWorkspacePackage(fromFile, specifier, options) ?? resolveLayerPackage(fromFile, specifier, options.layers, options);
}

/** The file a relative specifier names from `fromFile`; null when there is none. */
export function resolveRelative(fromFile: string, specifier: string, options: ResolveOptions = {}): string | null {
  return resolveFileOrFolder(path.resolve(path.dirname(fromFile), specifier), options);
}

/** `base` as a file, with an extension added, with `.js` read as `.ts`, or as a folder's index. */
function resolveFileOrFolder(base: string, options: ResolveOptions): string | null {
  const ext = path.extname(base);
  const candidates = [
    base,
    ...EXTENSIONS.map((e) => base + e),
    ...(TS_FOR_JS[ext] ?? []).map((e) => base.slice(0, -ext.length) + e),
    ...EXTENSIONS.map((e) => path.join(base, 'index' + e)),
  ];
  for (const candidate of candidates) {
    if (isFile(candidate) && (options.accept?.(candidate) ?? true)) return candidate;
  }
  return null;
}

/**
 * The file a tsconfig `paths` alias names from `fromFile` (nearest tsconfig.json); null when
 * a pattern matches but none of its targets is a file (TypeScript then reports the import as
 * unresolved), undefined when no pattern matches (or there is no `paths`): the specifier is
 * then a package name.
 */
export function resolvePathsAlias(fromFile: string, specifier: string, options: ResolveOptions = {}): string | null | undefined {
  if (!isBare(specifier)) return undefined;
  const mapping = pathsMappingFor(path.dirname(path.resolve(fromFile)));
  if (!mapping) return undefined;
  // the longest prefix before a `*` wins; an exact key before any pattern
  let best: { pattern: PathPattern; star: string } | null = null;
  for (const pattern of mapping.patterns) {
    if (pattern.star === null) {
      if (pattern.prefix === specifier) {
        best = { pattern, star: '' };
        break;
      }
    } else if (specifier.length >= pattern.prefix.length + pattern.suffix.length && specifier.startsWith(pattern.prefix) && specifier.endsWith(pattern.suffix)) {
      if (!best || pattern.prefix.length > best.pattern.prefix.length) best = { pattern, star: specifier.slice(pattern.prefix.length, specifier.length - pattern.suffix.length) };
    }
  }
  if (!best) return undefined;
  for (const target of best.pattern.targets) {
    const file = resolveFileOrFolder(path.resolve(mapping.base, target.replace(/\*/g, best.star)), options);
    if (file) return file;
  }
  return null;
}

/** The file a tsconfig `paths` alias names for the module `fromFile` when it is the project's
 * own code (not a file of node_modules, whose imports no tsconfig of the project maps), as
 * bundlers (esbuild) resolve it; null when the specifier is no alias or its targets are missing. */
export function aliasedFile(fromFile: string | undefined, specifier: string): string | null {
  if (!fromFile || !path.isAbsolute(fromFile) || inNodeModules(fromFile) || isBuiltin(specifier)) return null;
  return resolvePathsAlias(fromFile, specifier) ?? null;
}

/** A package name that Node resolves from `fromFile` to a file of a workspace package: a
 * link in node_modules to a folder of the project, not below any node_modules folder. */
export function resolveWorkspacePackage(fromFile: string, specifier: string, options: ResolveOptions = {}): string | null {
  if (!isBare(specifier) || isBuiltin(specifier)) return null;
  const parts = specifier.split('/');
  const nameLength = specifier.startsWith('@') ? 2 : 1;
  if (parts.length < nameLength || parts.slice(0, nameLength).some((part) => part === '' || part === '.' || part === '..')) return null;
  const name = parts.slice(0, nameLength).join('/');
  const subpath = parts.slice(nameLength).join('/');
  for (let dir = path.dirname(path.resolve(fromFile)); ; dir = path.dirname(dir)) {
    if (path.basename(dir) !== 'node_modules') {
      const linked = path.join(dir, 'node_modules', name);
      if (isDirectory(linked)) {
        const real = realPath(linked);
        // a package installed there, or one linked from outside the folder that holds the link
        if (inNodeModules(real) || !isInside(real, realPath(dir))) return null;
        const file = entryOf(real, subpath, options);
        return file && !inNodeModules(realPath(file)) ? file : null;
      }
    }
    if (path.dirname(dir) === dir) return null;
  }
}

/** The file a workspace package's entry (or subpath) names, read from its source. */
function entryOf(packageDir: string, subpath: string, options: ResolveOptions): string | null {
  let manifest: any = {};
  try {
    manifest = JSON.parse(fs.readFileSync(path.join(packageDir, 'package.json'), 'utf8')) ?? {};
  } catch {
    // no package.json (or not JSON): plain files, as Node reads them
  }
  let targets: string[];
  if (manifest.exports !== undefined && manifest.exports !== null) {
    targets = exportTargets(manifest.exports, subpath === '' ? '.' : `./${subpath}`);
    // a subpath the package does not export cannot be imported
    if (targets.length === 0) return null;
  } else if (subpath === '') {
    targets = [manifest.types, manifest.typings, manifest.module, manifest.main, 'index'].filter((t): t is string => typeof t === 'string' && t !== '');
  } else {
    targets = [subpath];
  }
  const files = targets.map((target) => path.resolve(packageDir, target)).filter((file) => isInside(file, packageDir));
  // a TypeScript source named as such (`"types": "./src/index.ts"`) first
  for (const file of files) {
    if (TS_SOURCE.test(file) && !DECLARATION.test(file) && isFile(file) && (options.accept?.(file) ?? true)) return file;
  }
  for (const file of files) {
    const source = sourceOf(file, packageDir, options);
    if (source) return source;
  }
  return null;
}

/** The source of an entry file: itself when it is no build output, its source under the
 * package tsconfig's rootDir when it is (`dist/index.js`, `dist/index.d.ts` for `src/index.ts`);
 * null for build output whose source is not found, and for a declaration file. */
function sourceOf(file: string, packageDir: string, options: ResolveOptions): string | null {
  const layout = lookUpOutputLayout(path.dirname(file), packageDir).layout;
  if (layout && isInside(file, layout.outDir)) {
    const relative = path.relative(layout.outDir, file);
    for (const root of layout.sourceRoots) {
      const source = sourceFor(path.join(root, relative), options);
      if (source) return source;
    }
    return null;
  }
  if (DECLARATION.test(file)) return sourceFor(file, options);
  return resolveFileOrFolder(file, options) ?? sourceFor(file, options);
}

/** `src/index.ts` (or .tsx, .mts, .cts, or JavaScript compiled as it is) for `src/index.js`,
 * `src/index.d.ts` or `src/index`. */
function sourceFor(built: string, options: ResolveOptions): string | null {
  const stem = built.replace(DECLARATION, '').replace(/\.(?:js|mjs|cjs|jsx)$/, '');
  for (const ext of ['.ts', '.tsx', '.mts', '.cts', '.js', '.mjs', '.cjs', '.jsx']) {
    const file = stem + ext;
    if (isFile(file) && (options.accept?.(file) ?? true)) return file;
  }
  for (const ext of ['.ts', '.tsx', '.js']) {
    const file = path.join(stem, 'index' + ext);
    if (isFile(file) && (options.accept?.(file) ?? true)) return file;
  }
  return null;
}

interface PathPattern {
  /** The key up to its `*` (all of it without one). */
  prefix: string;
  suffix: string;
  /** Index of the `*`, null for an exact key. */
  star: number | null;
  targets: string[];
}

interface PathsMapping {
  /** The folder targets are relative to: baseUrl, or the folder of the config setting `paths`. */
  base: string;
  patterns: PathPattern[];
}

/** The tsconfig.json nearest to a folder, by folder (null: none up to the root). */
const configByDir = new Map<string, string | null>();
/** What a tsconfig.json (with its bases) says about `paths`, by file, with its time of change. */
const mappings = new Map<string, { mtimeMs: number; mapping: PathsMapping | null }>();
const MAX_CACHED = 5000;

/** The `paths` of the tsconfig.json nearest to `dir`, null when it has none. */
function pathsMappingFor(dir: string): PathsMapping | null {
  const config = nearestConfig(dir);
  if (!config) return null;
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(config).mtimeMs;
  } catch {
    return null;
  }
  const cached = mappings.get(config);
  if (cached && cached.mtimeMs === mtimeMs) return cached.mapping;
  const mapping = readMapping(config);
  if (mappings.size >= MAX_CACHED) mappings.clear();
  mappings.set(config, { mtimeMs, mapping });
  return mapping;
}

function nearestConfig(dir: string): string | null {
  const seen: string[] = [];
  let found: string | null = null;
  for (let current = dir; ; current = path.dirname(current)) {
    const cached = configByDir.get(current);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    seen.push(current);
    const config = path.join(current, 'tsconfig.json');
    if (isFile(config)) {
      found = config;
      break;
    }
    if (path.dirname(current) === current) break;
  }
  if (configByDir.size + seen.length > MAX_CACHED) configByDir.clear();
  for (const current of seen) configByDir.set(current, found);
  return found;
}

function readMapping(config: string): PathsMapping | null {
  const options = readCompilerOptions(config);
  if (!options.paths) return null;
  const configDir = path.dirname(config);
  const resolveOption = (value: string, from: string) =>
    value.startsWith('${configDir}') ? path.join(configDir, value.slice('${configDir}'.length)) : path.resolve(path.dirname(from), value);
  const base = options.baseUrl ? resolveOption(options.baseUrl.value, options.baseUrl.from) : path.dirname(options.paths.from);
  const patterns: PathPattern[] = [];
  for (const [key, value] of Object.entries(options.paths.value)) {
    if (!Array.isArray(value)) continue;
    const targets = value
      .filter((t): t is string => typeof t === 'string' && t !== '')
      .map((t) => (t.startsWith('${configDir}') ? path.join(configDir, t.slice('${configDir}'.length)) : t));
    const star = key.indexOf('*');
    patterns.push(star < 0 ? { prefix: key, suffix: '', star: null, targets } : { prefix: key.slice(0, star), suffix: key.slice(star + 1), star, targets });
  }
  return { base, patterns };
}

/** Forgets the tsconfig files read (tests that rewrite a project in place). */
export function clearResolutionCache(): void {
  configByDir.clear();
  mappings.clear();
}

function isRelative(specifier: string): boolean {
  return /^\.\.?(?:\/|$)/.test(specifier);
}

/** A package name or an alias: not relative, not absolute, no URL (`node:fs`, `file:`). */
export function isBare(specifier: string): boolean {
  return specifier !== '' && !isRelative(specifier) && !path.isAbsolute(specifier) && !/^[A-Za-z][A-Za-z0-9+.-]*:/.test(specifier) && !specifier.startsWith('#');
}

function inNodeModules(file: string): boolean {
  return file.split(path.sep).includes('node_modules');
}

function isInside(file: string, dir: string): boolean {
  const relative = path.relative(dir, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

