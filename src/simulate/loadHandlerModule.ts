// Loading the handler module in the runner process the way Lambda's Node runtime does:
// `import()` for ESM, `require()` for CommonJS, TypeScript and JSX through esbuild, tsconfig
// `paths` aliases resolved as a bundler resolves them, and package names replaced by test
// doubles when asked.
import Module, { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
import { aliasedFile, type LayerFolder } from '../analysis/moduleResolution';
import type { HooksData } from './hooks';
import { mappedCandidates } from './layerPaths';
import { notOnFunction } from './staticExports';
import { TRANSPILED_EXTENSIONS, transpile, typeScriptCandidates } from './transpile';
import type { ModuleFormat } from './types';

interface CommonJsModule {
  _compile(code: string, filename: string): void;
}
interface ModuleInternals {
  _resolveFilename(request: string, parent: unknown, isMain: boolean, options?: unknown): string;
  _extensions: Record<string, (module: CommonJsModule, filename: string) => void>;
}

export interface LoadOptions {
  file: string;
  format: ModuleFormat;
  modules: Record<string, string>;
  /** Layer folders `/opt/...` maps to. */
  layers?: LayerFolder[];
  hooksPath: string;
}

/** The module's exports: the ESM namespace, or `module.exports`. */
export async function loadHandlerModule(options: LoadOptions): Promise<unknown> {
  installRequireHooks(options.modules, options.layers ?? []);
  if (options.format === 'commonjs') return createRequire(options.file)(options.file);
  // the loader hooks start a thread of their own: only for modules that import
  const data: HooksData = { modules: options.modules, layers: options.layers };
  register(pathToFileURL(options.hooksPath), { data });
  return import(pathToFileURL(options.file).href);
}

/** The function at a handler string's property path (`handler`, `handlers.create`). */
export function handlerAt(exports: unknown, propertyPath: string, moduleName = 'file'): (...args: unknown[]) => unknown {
  let value: any = exports;
  for (const key of propertyPath.split('.')) value = value == null ? undefined : value[key];
  if (typeof value !== 'function') {
    const names = exports && (typeof exports === 'object' || typeof exports === 'function') ? Object.keys(exports) : [];
    const first = propertyPath.split('.')[0];
    // `module.exports = fn` named as `file.default`: Lambda looks for a property of the function
    if (typeof exports === 'function' && !(first in exports)) throw new TypeError(notOnFunction(propertyPath, `${moduleName}.${propertyPath}`, names.join(', ') || 'none'));
    const found = value === undefined ? 'nothing' : `a value of type ${typeof value}`;
    throw new TypeError(`the module exports ${found} at \`${propertyPath}\`, not a function (exports: ${names.join(', ') || 'none'}); name the handler with --handler`);
  }
  return value;
}

function installRequireHooks(modules: Record<string, string>, layers: LayerFolder[]): void {
  const internals = Module as unknown as ModuleInternals;
  for (const extension of Object.keys(TRANSPILED_EXTENSIONS)) {
    internals._extensions[extension] = (module, filename) => module._compile(transpile(filename, 'cjs'), filename);
  }
  const resolveFilename = internals._resolveFilename;
  internals._resolveFilename = function (request, parent, isMain, options) {
    const replacement = modules[request];
    if (replacement) return replacement;
    // a tsconfig `paths` alias (`@shared/http`), as the project's bundler resolves it
    const aliased = aliasedFile((parent as { filename?: string } | null)?.filename, request);
    if (aliased) return aliased;
    // `/opt/...` in a layer folder, or below a `--module` prefix
    for (const candidate of mappedCandidates(request, modules, layers)) {
      try {
        return resolveFilename.call(this, candidate, parent, isMain, options);
      } catch {
        // try the next layer
      }
    }
    try {
      return resolveFilename.call(this, request, parent, isMain, options);
    } catch (error) {
      for (const candidate of typeScriptCandidates(request)) {
        try {
          return resolveFilename.call(this, candidate, parent, isMain, options);
        } catch {
          // try the next candidate
        }
      }
      throw error;
    }
  };
}
