// ESM loader hooks for the handler's process (registered with `module.register`, they
// run on Node's loader thread): package names replaced by test doubles, tsconfig `paths`
// aliases resolved as a bundler resolves them, and TypeScript and JSX transpiled on load.
import { fileURLToPath, pathToFileURL } from 'node:url';
import { aliasedFile, type LayerFolder } from '../analysis/moduleResolution';
import { mappedCandidates } from './layerPaths';
import { needsTranspiling, transpile, typeScriptCandidates } from './transpile';

export interface HooksData {
  /** Package name -> absolute path of the file to load instead. */
  modules: Record<string, string>;
  /** Layer folders `/opt/...` maps to. */
  layers?: LayerFolder[];
}

interface ResolveResult {
  url: string;
  format?: string | null;
  shortCircuit?: boolean;
}
interface LoadResult {
  format: string;
  source?: string | Buffer;
  shortCircuit?: boolean;
}
type NextResolve = (specifier: string, context: ResolveContext) => Promise<ResolveResult>;
type NextLoad = (url: string, context: LoadContext) => Promise<LoadResult>;
interface ResolveContext {
  parentURL?: string;
  conditions: string[];
}
interface LoadContext {
  format?: string | null;
  conditions: string[];
}

let modules: Record<string, string> = {};
let layers: LayerFolder[] = [];

export function initialize(data: HooksData): void {
  modules = data.modules;
  layers = data.layers ?? [];
}

export async function resolve(specifier: string, context: ResolveContext, nextResolve: NextResolve): Promise<ResolveResult> {
  const replacement = modules[specifier];
  if (replacement) return { url: pathToFileURL(replacement).href, shortCircuit: true };
  const aliased = context.parentURL?.startsWith('file:') ? aliasedFile(fileURLToPath(context.parentURL), specifier) : null;
  if (aliased) return { url: pathToFileURL(aliased).href, shortCircuit: true };
  // `/opt/...` in a layer folder, or below a `--module` prefix
  for (const candidate of mappedCandidates(specifier, modules, layers)) {
    try {
      return await nextResolve(pathToFileURL(candidate).href, context);
    } catch {
      // try the next layer
    }
  }
  try {
    return await nextResolve(specifier, context);
  } catch (error) {
    if (!context.parentURL?.startsWith('file:') || !needsTranspiling(fileURLToPath(context.parentURL))) throw error;
    for (const candidate of typeScriptCandidates(specifier)) {
      try {
        return await nextResolve(candidate, context);
      } catch {
        // try the next candidate
      }
    }
    throw error;
  }
}

export async function load(url: string, context: LoadContext, nextLoad: NextLoad): Promise<LoadResult> {
  if (!url.startsWith('file:')) return nextLoad(url, context);
  const file = fileURLToPath(url);
  if (!needsTranspiling(file)) return nextLoad(url, context);
  // .cts stays CommonJS: Node's require() loads it through the runner's require hook
  if (file.endsWith('.cts')) return nextLoad(url, { ...context, format: 'commonjs' });
  return { format: 'module', source: transpile(file, 'esm'), shortCircuit: true };
}
