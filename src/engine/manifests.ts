// Handler names from deployment manifests: SAM / CloudFormation templates and
// serverless.yml. A handler string (`src/app.handlers.create`) names a module (up to the
// first dot of its last path segment, as the Lambda Node.js runtime splits it) and a
// property path; the module may be a built file whose source is found through tsconfig.json.
//
// Which files a manifest decides about: a manifest speaks for the files under its own
// directory (and for any file it names elsewhere). Under that directory, a file it does
// not name is not a handler module (a helper, a test, a script), so it is left alone even
// when it exports a function called `handler`. Files under no manifest's directory use the
// default rule (`handler`, or an exported function whose first parameter is `event`).
import fs from 'node:fs';
import path from 'node:path';
import { parseDocument, type Tags } from 'yaml';
import { findGitRoot } from './git';
import { lookUpOutputLayout } from './tsconfig';
import type { LambdaLayers, LayerRoot } from '../analysis/moduleResolution';

/** Source extensions tried for a handler module, the TypeScript source before a compiled sibling. */
const SOURCE_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.js', '.mjs', '.cjs', '.jsx'];

/** CloudFormation's short-form intrinsic functions, so that `!Ref`, `!Sub`, `!GetAtt`,
 * `!If`... parse; a tagged value is never a handler string. */
const INTRINSICS = ['Ref', 'Sub', 'GetAtt', 'If', 'Join', 'Select', 'Split', 'FindInMap', 'Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'Condition', 'ImportValue', 'GetAZs', 'Transform'];
const CLOUDFORMATION_TAGS: Tags = INTRINSICS.flatMap((name) => [
  { tag: `!${name}`, resolve: (value: string) => ({ [`Fn::${name}`]: value }) },
  { tag: `!${name}`, collection: 'seq' as const },
  { tag: `!${name}`, collection: 'map' as const },
]);

const FUNCTION_TYPES = new Set(['AWS::Serverless::Function', 'AWS::Lambda::Function']);

export interface ManifestHandlers {
  /** Absolute paths of the manifests read. */
  manifests: string[];
  /** Real path of a source file → the handler names manifests give for it. */
  byFile: Map<string, string[]>;
  /** Directories whose files the manifests speak for. */
  scopes: string[];
  /** Handler strings that could not be resolved, manifests that could not be read. */
  notes: string[];
  /** Real path of a handler source file → the Lambda layers of the functions it serves
   * (only files whose functions use layers). */
  layers: Map<string, LambdaLayers>;
}

/** A handler string and the directory it is relative to. */
interface HandlerEntry {
  handler: unknown;
  baseDir: string;
  origin: string;
  /** Why the entry's handler cannot be read (a variable this tool does not resolve). */
  problem?: string;
  /** The function's layers, when it has any. */
  layers?: LambdaLayers;
}

/** Manifests found by the walk, plus those in the directories from each given path up to
 * its git root (the working directory outside a repository). */
export function locateManifests(found: string[], roots: string[], cwd: string): string[] {
  const all = new Set(found);
  for (const root of roots) {
    const start = fs.statSync(root).isDirectory() ? root : path.dirname(root);
    const stop = findGitRoot(start) ?? (start === cwd || start.startsWith(cwd + path.sep) ? cwd : start);
    for (let dir = start; ; dir = path.dirname(dir)) {
      for (const name of ['template.yaml', 'template.yml', 'serverless.yml', 'serverless.yaml']) {
        const file = path.join(dir, name);
        if (fs.existsSync(file)) all.add(fs.realpathSync(file));
      }
      if (dir === stop || path.dirname(dir) === dir) break;
    }
  }
  return [...all].sort();
}

export function readManifests(files: string[], cwd: string): ManifestHandlers {
  const result: ManifestHandlers = { manifests: [], byFile: new Map(), scopes: [], notes: [], layers: new Map() };
  for (const file of files) {
    const shown = path.relative(cwd, file) || file;
    const doc = parseDocument(fs.readFileSync(file, 'utf8'), { customTags: CLOUDFORMATION_TAGS });
    if (doc.errors.length > 0) {
      result.notes.push(`${shown}: not read (${doc.errors[0].message.split('\n')[0]})`);
      continue;
    }
    const data = doc.toJS() ?? {};
    const entries = /^serverless\.ya?ml$/.test(path.basename(file)) ? serverlessHandlers(data, file) : samHandlers(data, file);
    if (entries === null) continue; // a template.yaml that is not a CloudFormation template
    result.manifests.push(file);
    result.scopes.push(path.dirname(file));
    const stopAt = findGitRoot(path.dirname(file)) ?? path.dirname(file);
    for (const entry of entries) {
      if (entry.problem) {
        result.notes.push(`${shown}: ${entry.origin}: ${entry.problem}`);
        continue;
      }
      if (typeof entry.handler !== 'string') {
        result.notes.push(`${shown}: ${entry.origin}: handler is not a plain string; name it with --handler`);
        continue;
      }
      const resolved = locateHandler(entry.handler, entry.baseDir, stopAt, cwd);
      if ('problem' in resolved) {
        result.notes.push(`${shown}: ${entry.origin}: ${resolved.problem}`);
        continue;
      }
      const names = result.byFile.get(resolved.file) ?? [];
      if (!names.includes(resolved.name)) names.push(resolved.name);
      result.byFile.set(resolved.file, names);
      if (entry.layers) result.layers.set(resolved.file, mergeLayers(result.layers.get(resolved.file), entry.layers));
    }
  }
  return result;
}

/** The handler names for a file: from `--handler`, from the manifests, `[]` when a manifest
 * speaks for the file without naming it, `undefined` for the default rule. */
export function handlerNamesFor(realPath: string, manifests: ManifestHandlers, given?: string[]): string[] | undefined {
  if (given && given.length > 0) return given;
  const named = manifests.byFile.get(realPath);
  if (named) return named;
  if (manifests.scopes.some((dir) => realPath.startsWith(dir + path.sep))) return [];
  return undefined;
}

/** SAM and plain CloudFormation functions; `Globals.Function` supplies Handler and CodeUri;
 * a CloudFormation function's `Code`, when it is a local folder, is its CodeUri. */
function samHandlers(data: any, file: string): HandlerEntry[] | null {
  if (!data || typeof data !== 'object' || typeof data.Resources !== 'object' || data.Resources === null) return null;
  const dir = path.dirname(file);
  const globals = data.Globals?.Function ?? {};
  const declared = samLayerResources(data.Resources, dir);
  const out: HandlerEntry[] = [];
  for (const [logicalId, resource] of Object.entries<any>(data.Resources)) {
    if (!resource || !FUNCTION_TYPES.has(resource.Type)) continue;
    const props = resource.Properties ?? {};
    const serverless = resource.Type === 'AWS::Serverless::Function';
    const runtime = props.Runtime ?? (serverless ? globals.Runtime : undefined);
    // container images, inline code and other runtimes have no Node.js source file here
    if (props.PackageType === 'Image' || props.InlineCode || props.Code?.ZipFile) continue;
    if (typeof runtime === 'string' && !runtime.startsWith('nodejs')) continue;
    const handler = props.Handler ?? (serverless ? globals.Handler : undefined);
    if (handler === undefined) continue;
    // plain CloudFormation: `Code: src/` is a local folder that `aws cloudformation package`
    // uploads (an S3 location object has no folder here)
    const codeUri = serverless ? (props.CodeUri ?? globals.CodeUri) : typeof props.Code === 'string' ? props.Code : undefined;
    // SAM's Globals lists are added to a function's own, the global entries first
    const layerRefs = [...(serverless && Array.isArray(globals.Layers) ? globals.Layers : []), ...(Array.isArray(props.Layers) ? props.Layers : [])];
    const layers = layerRefs.length > 0 ? layersOf(layerRefs, declared) : undefined;
    out.push({ handler, baseDir: typeof codeUri === 'string' ? path.resolve(dir, codeUri) : dir, origin: logicalId, ...(layers && { layers }) });
  }
  return out;
}

/** `${file(./functions.yml)}`, `${file(./fn.yml):key.path}`: a file include, relative to serverless.yml. */
const FILE_VARIABLE = /^\$\{file\(\s*(['"]?)([^'"()]+?)\1\s*\)(?::\s*([\w.-]+?))?\s*\}$/;

/** `functions: { name: { handler: src/handler.main } }`, relative to serverless.yml. The
 * `functions` map, a list of such maps, a function and a handler string may each be a simple
 * `${file(./x.yml)}` or `${file(./x.yml):key}` include (YAML or JSON; paths relative to
 * serverless.yml), which is followed; any other variable there, or an include inside an included
 * file, is noted with the function it hides. */
function serverlessHandlers(data: any, file: string): HandlerEntry[] | null {
  if (!data || typeof data !== 'object') return null;
  const dir = path.dirname(file);
  const out: HandlerEntry[] = [];
  const problem = (origin: string, text: string) => out.push({ handler: undefined, baseDir: dir, origin, problem: text });

  const include = (value: unknown, included: boolean): { value: unknown } | { problem: string } => {
    if (typeof value !== 'string' || !value.includes('${')) return { value };
    const match = FILE_VARIABLE.exec(value.trim());
    if (!match) return { problem: `"${value}" is a variable this tool does not resolve` };
    if (included) return { problem: `"${value}" is a \${file()} inside an included file, which this tool does not follow` };
    const target = path.resolve(dir, match[2].trim());
    const shown = path.relative(dir, target).replace(/\\/g, '/');
    if (!/\.(ya?ml|json)$/i.test(target)) return { problem: `"${value}" includes ${shown}, which this tool does not read (only .yml, .yaml and .json)` };
    let text: string;
    try {
      text = fs.readFileSync(target, 'utf8');
    } catch {
      return { problem: `"${value}": ${shown} was not found` };
    }
    const doc = parseDocument(text, { customTags: CLOUDFORMATION_TAGS });
    if (doc.errors.length > 0) return { problem: `"${value}": ${shown} could not be read (${doc.errors[0].message.split('\n')[0]})` };
    let result: any = doc.toJS();
    for (const key of match[3] ? match[3].split('.') : []) {
      if (!result || typeof result !== 'object' || !(key in result)) return { problem: `"${value}": ${shown} has no "${match[3]}"` };
      result = result[key];
    }
    return { value: result };
  };
  const advice = '; name its handler with --handler';
  const layerResources = serverlessLayerResources(data.layers, dir);
  const providerLayers = Array.isArray(data.provider?.layers) ? data.provider.layers : undefined;

  const declared = data.functions ?? {};
  const functions = include(declared, false);
  if ('problem' in functions) {
    problem('functions', functions.problem + advice);
    return out;
  }
  const fromFile = functions.value !== declared;
  const groups: unknown[] = Array.isArray(functions.value) ? functions.value : [functions.value];
  groups.forEach((entry, index) => {
    const group = include(entry, fromFile);
    if ('problem' in group) {
      problem(`functions[${index}]`, group.problem + advice);
      return;
    }
    if (!group.value || typeof group.value !== 'object' || Array.isArray(group.value)) return;
    const groupFromFile = fromFile || group.value !== entry;
    for (const [name, raw] of Object.entries<unknown>(group.value as Record<string, unknown>)) {
      const origin = `functions.${name}`;
      const fn = include(raw, groupFromFile);
      if ('problem' in fn) {
        problem(origin, fn.problem + advice);
        continue;
      }
      const value: any = fn.value;
      if (!value || typeof value !== 'object' || value.handler === undefined || value.image) continue;
      const handler = include(value.handler, groupFromFile || value !== raw);
      if ('problem' in handler) problem(origin, `handler ${handler.problem}${advice}`);
      else {
        // a function's own `layers` replace the provider's
        const refs: unknown[] | undefined = Array.isArray(value.layers) ? value.layers : providerLayers;
        const layers = refs && refs.length > 0 ? layersOf(refs, layerResources) : undefined;
        out.push({ handler: handler.value, baseDir: dir, origin, ...(layers && { layers }) });
      }
    }
  });
  return out;
}

const LAYER_TYPES = new Set(['AWS::Serverless::LayerVersion', 'AWS::Lambda::LayerVersion']);

/** The layer resources of a template whose content is a local folder, by logical id:
 * `ContentUri` (SAM) or `Content` (CloudFormation, as `aws cloudformation package` takes it).
 * A SAM layer with a Node.js `BuildMethod` is built into /opt/nodejs; any other has its
 * folder's content at /opt. A layer stored elsewhere (S3) maps to null. */
function samLayerResources(resources: Record<string, any>, dir: string): Map<string, LayerRoot | null> {
  const out = new Map<string, LayerRoot | null>();
  for (const [logicalId, resource] of Object.entries<any>(resources)) {
    if (!resource || !LAYER_TYPES.has(resource.Type)) continue;
    const props = resource.Properties ?? {};
    const content = resource.Type === 'AWS::Serverless::LayerVersion' ? props.ContentUri : props.Content;
    if (typeof content !== 'string' || /^[a-z][a-z0-9+.-]*:\/\//i.test(content)) {
      out.set(logicalId, null);
      continue;
    }
    const folder = path.resolve(dir, content);
    const buildMethod = resource.Metadata?.BuildMethod;
    out.set(logicalId, typeof buildMethod === 'string' && buildMethod.startsWith('nodejs') ? { origin: logicalId, opt: null, nodejs: folder } : { origin: logicalId, opt: folder, nodejs: path.join(folder, 'nodejs') });
  }
  return out;
}

/** serverless.yml `layers: { common: { path: layers/common } }`, by the logical id Serverless
 * gives each (`CommonLambdaLayer`: the name title-cased, `-` as Dash, `_` as Underscore). */
function serverlessLayerResources(layers: unknown, dir: string): Map<string, LayerRoot | null> {
  const out = new Map<string, LayerRoot | null>();
  if (!layers || typeof layers !== 'object' || Array.isArray(layers)) return out;
  for (const [name, layer] of Object.entries<any>(layers)) {
    const normalized = name.replace(/-/g, 'Dash').replace(/_/g, 'Underscore');
    const logicalId = `${normalized.charAt(0).toUpperCase()}${normalized.slice(1)}LambdaLayer`;
    const folder = typeof layer?.path === 'string' && !layer.path.includes('${') ? path.resolve(dir, layer.path) : null;
    out.set(logicalId, folder ? { origin: `layers.${name}`, opt: folder, nodejs: path.join(folder, 'nodejs') } : null);
  }
  return out;
}

/** A function's `Layers` / `layers` list: `!Ref X`, `Ref: X`, `!GetAtt X.Arn` name a layer
 * resource of the manifest; anything else (an ARN, a parameter, `!Sub`) is a layer this tool
 * cannot map to a folder, kept as written for the review item. */
export function layersOf(refs: unknown[], resources: Map<string, LayerRoot | null>): LambdaLayers {
  const result: LambdaLayers = { roots: [], other: [] };
  for (const ref of refs) {
    const id = layerLogicalId(ref);
    const root = id === null ? undefined : resources.get(id);
    if (root) {
      if (!result.roots.some((r) => r.nodejs === root.nodejs)) result.roots.push(root);
    } else {
      const shown = typeof ref === 'string' ? ref : id !== null ? id : JSON.stringify(ref);
      if (!result.other.includes(shown)) result.other.push(shown);
    }
  }
  return result;
}

function layerLogicalId(ref: unknown): string | null {
  if (!ref || typeof ref !== 'object') return null;
  const value: any = (ref as any).Ref ?? (ref as any)['Fn::Ref'] ?? (ref as any)['Fn::GetAtt'];
  if (typeof value === 'string') return value.split('.')[0];
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0];
  return null;
}

function mergeLayers(a: LambdaLayers | undefined, b: LambdaLayers): LambdaLayers {
  if (!a) return b;
  return {
    roots: [...a.roots, ...b.roots.filter((r) => !a.roots.some((x) => x.nodejs === r.nodejs))],
    other: [...a.other, ...b.other.filter((o) => !a.other.includes(o))],
  };
}

/** The Lambda layers the manifests above `file` (up to its repository root) give the
 * functions it serves; undefined when none does (simulate maps /opt through them). */
export function layersForFile(file: string, cwd = process.cwd()): LambdaLayers | undefined {
  const real = fs.realpathSync(file);
  return readManifests(locateManifests([], [path.dirname(real)], cwd), cwd).layers.get(real);
}

/** Where a handler string leads: the source file to migrate, or why there is none. */
export type HandlerLocation = { file: string; name: string } | { problem: string };

/** `src/app.handlers.create` relative to `baseDir` → the source file and `handlers.create`. */
export function resolveHandlerString(handler: string, baseDir: string, stopAt: string): { file: string; name: string } | null {
  const location = locateHandler(handler, baseDir, stopAt);
  return 'file' in location ? location : null;
}

/** Like resolveHandlerString, with the reason when no source file is used. Paths in the
 * reason are shown relative to `cwd`. */
export function locateHandler(handler: string, baseDir: string, stopAt: string, cwd = process.cwd()): HandlerLocation {
  const shown = (file: string) => path.relative(cwd, file).replace(/\\/g, '/') || '.';
  const notFound = `no source file found for handler "${handler}"`;
  if (handler.includes('${')) return { problem: `handler "${handler}" uses a variable this tool does not resolve; name it with --handler` };
  const normalized = handler.trim().replace(/\\/g, '/');
  const slash = normalized.lastIndexOf('/');
  const lastSegment = normalized.slice(slash + 1);
  const dot = lastSegment.indexOf('.');
  if (dot <= 0 || dot === lastSegment.length - 1) return { problem: notFound };
  const modulePath = path.resolve(baseDir, normalized.slice(0, slash + 1) + lastSegment.slice(0, dot));
  const name = lastSegment.slice(dot + 1);
  const found = (file: string): HandlerLocation => ({ file: fs.realpathSync(file), name });

  // a built file (present or not) is edited through its source
  const lookup = lookUpOutputLayout(path.dirname(modulePath), stopAt);
  const layout = lookup.layout;
  if (layout && isUnder(modulePath, layout.outDir)) {
    const relative = path.relative(layout.outDir, modulePath);
    for (const root of layout.sourceRoots) {
      const file = findSource(path.join(root, relative));
      if (file) return found(file);
    }
    const built = findSource(modulePath);
    return {
      problem:
        `${built ? `handler "${handler}" names ${shown(built)}, build output` : `${notFound}: it names build output`} of ${shown(layout.config)} (${layout.describe}), ` +
        `but no source for it was found under ${layout.sourceRoots.map((root) => shown(root) + '/').join(' or ')}` +
        (built ? '; the built file is not migrated' : ''),
    };
  }

  // why the tsconfig found does not say where this module's source is
  const noMapping = () =>
    layout
      ? `${shown(layout.config)} does not map it there (${layout.describe})`
      : lookup.problem
        ? `${shown(lookup.config!)} gives no mapping (${lookup.problem})`
        : 'no tsconfig.json above it sets an outDir';
  const advice = (source: string) => `if that is its source, run \`lambda-clean-slate migrate ${shown(source)} --handler ${name}\``;

  const file = findSource(modulePath);
  if (!file) {
    const guess = guessSource(`${modulePath}.js`, stopAt);
    if (guess) return { problem: `${notFound}: it looks like build output of ${shown(guess)}, but ${noMapping()}; ${advice(guess)}` };
    const why = lookup.problem && (!/ sets no outDir$/.test(lookup.problem) || looksBuilt(modulePath, stopAt)) ? ` (${shown(lookup.config!)}: ${lookup.problem})` : '';
    return { problem: notFound + why };
  }
  if (!COMPILED_EXTENSIONS.has(path.extname(file))) return found(file);

  // a JavaScript file may itself be built: its source map names its source, else a TypeScript
  // file in the place of a build folder (`dist/app.js`, `src/app.ts`) says it is build output
  const mapped = sourceFromMap(file, stopAt);
  if (mapped) return found(mapped);
  // only in a TypeScript project (a tsconfig above the file): in a plain JavaScript one, a
  // hand-written `lib/app.js` is the source, whatever else bears its name
  const guess = lookup.config ? guessSource(file, stopAt) : null;
  if (!guess) return found(file);
  return { problem: `handler "${handler}" names ${shown(file)}, which looks built from ${shown(guess)}, but ${noMapping()}; neither is migrated: ${advice(guess)}` };
}

function findSource(modulePath: string): string | null {
  for (const candidate of [modulePath, path.join(modulePath, 'index')]) {
    for (const ext of SOURCE_EXTENSIONS) {
      const file = candidate + ext;
      if (isFile(file)) return file;
    }
  }
  return null;
}

const COMPILED_EXTENSIONS = new Set(['.js', '.mjs', '.cjs', '.jsx']);
const TYPESCRIPT_EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx'];
/** Folder names build tools write to. */
const BUILD_FOLDERS = new Set(['dist', 'build', 'out', 'lib', '.build', 'output', 'target', 'compiled']);

function isUnder(file: string, dir: string): boolean {
  return file.startsWith(dir.endsWith(path.sep) ? dir : dir + path.sep);
}

function looksBuilt(modulePath: string, stopAt: string): boolean {
  const relative = isUnder(modulePath, stopAt) ? path.relative(stopAt, modulePath) : modulePath;
  return relative.split(path.sep).slice(0, -1).some((segment) => BUILD_FOLDERS.has(segment));
}

/** `dist/app.js` → `src/app.ts` or `app.ts` (the nearest build folder replaced by src/ or dropped),
 * when that TypeScript file exists. */
function guessSource(file: string, stopAt: string): string | null {
  const inside = isUnder(file, stopAt);
  const segments = (inside ? path.relative(stopAt, file) : file).split(path.sep);
  const base = inside ? stopAt : '';
  const stem = segments[segments.length - 1].replace(/\.[^.]*$/, '');
  for (let i = segments.length - 2; i >= 0; i--) {
    if (!BUILD_FOLDERS.has(segments[i])) continue;
    const rest = [...segments.slice(i + 1, -1), stem];
    for (const replacement of [['src'], []]) {
      const candidate = path.join(base || path.sep, ...segments.slice(0, i), ...replacement, ...rest);
      for (const ext of TYPESCRIPT_EXTENSIONS) {
        if (isFile(candidate + ext)) return candidate + ext;
      }
    }
  }
  return null;
}

/** The source a built JavaScript file's source map names for it (`app.js.map` next to it, or
 * its `sourceMappingURL`): the one source with the file's own name, or the only source. */
export function sourceFromMap(file: string, stopAt: string): string | null {
  let map: any;
  let mapDir = path.dirname(file);
  try {
    const text = fs.readFileSync(file, 'utf8');
    const url = /\/\/[#@]\s*sourceMappingURL=(\S+)\s*$/.exec(text.slice(-4096))?.[1];
    if (url?.startsWith('data:')) {
      const comma = url.indexOf(',');
      const payload = url.slice(comma + 1);
      map = JSON.parse(/;base64$/.test(url.slice(0, comma)) ? Buffer.from(payload, 'base64').toString('utf8') : decodeURIComponent(payload));
    } else {
      const mapFile = url && !/^[a-z]+:/i.test(url) ? path.resolve(mapDir, decodeURIComponent(url)) : `${file}.map`;
      if (!isFile(mapFile)) return null;
      mapDir = path.dirname(mapFile);
      map = JSON.parse(fs.readFileSync(mapFile, 'utf8'));
    }
  } catch {
    return null;
  }
  if (!map || !Array.isArray(map.sources)) return null;
  const root = typeof map.sourceRoot === 'string' && !/^[a-z]+:/i.test(map.sourceRoot) ? map.sourceRoot : '';
  const sources = map.sources
    .filter((source: unknown): source is string => typeof source === 'string' && !/^[a-z][a-z0-9+.-]*:/i.test(source))
    .map((source: string) => path.resolve(mapDir, root, source))
    .filter((source: string) => source !== file && !source.split(path.sep).includes('node_modules') && isUnder(source, stopAt) && isFile(source));
  const stem = (p: string) => path.basename(p).replace(/\.[^.]*$/, '');
  const named = sources.filter((source: string) => stem(source) === stem(file));
  if (named.length === 1) return named[0];
  return sources.length === 1 ? sources[0] : null;
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}
