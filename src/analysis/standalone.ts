// Wraps a transform step as a plain jscodeshift transform, so that every file under
// transforms/ also works with `npx jscodeshift -t transforms/<name>.ts src/`.
import type { API, FileInfo, Options } from 'jscodeshift';
import { applyTransforms } from './applyTransforms';
import type { Transform } from './types';

export function asJscodeshiftTransform(transform: Transform) {
  return function jscodeshiftTransform(file: FileInfo, _api: API, options: Options): string | undefined {
    const names = options.handler === undefined ? undefined : ([] as string[]).concat(options.handler);
    const cacheTtl = options.cacheTtl === undefined ? undefined : Number(options.cacheTtl);
    const result = applyTransforms(file.source, file.path, {
      transforms: [transform],
      handlerNames: names,
      options: { cacheTtl, clientCheck: options.clientCheck },
    });
    if (result.error) throw new Error(`${file.path}:${result.error.line}:${result.error.column}: ${result.error.message}`);
    // undefined: not a handler module (jscodeshift counts it as skipped)
    if (result.handlers.length === 0) return undefined;
    return result.output ?? file.source;
  };
}
