// Where a module the handler names lives on this machine when Lambda would find it in a
// layer: `--module` entries that end in `/` map every specifier below them (`/opt/nodejs/`
// → `layers/common/nodejs/`), and `/opt/...` maps to the layers' folders the manifests name
// (a later layer first, as Lambda extracts them in order; the mapping is migrate's, from
// ../analysis/moduleResolution.ts). Used by the runner's require hook and by the ESM loader hooks.
import path from 'node:path';
import { layerPathCandidates, type LayerFolder } from '../analysis/moduleResolution';
import { isDirectory } from '../engine/tsconfig';

/** `--module` entries with absolute targets; an entry whose target is a folder maps the
 * folder, as if both ended in `/` (`/opt/nodejs=layers/common/nodejs` maps `/opt/nodejs/x`).
 * An entry whose target is a file maps that specifier only. */
export function moduleMappings(modules: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [specifier, target] of Object.entries(modules)) {
    const resolved = path.resolve(target);
    const folder = !specifier.endsWith('/') && isDirectory(resolved);
    out[folder ? `${specifier}/` : specifier] = resolved;
  }
  return out;
}

/** The files to try for `specifier`, in order (empty: none of the mappings covers it). */
export function mappedCandidates(specifier: string, modules: Record<string, string>, layers: readonly LayerFolder[]): string[] {
  const out: string[] = [];
  const prefixes = Object.keys(modules)
    .filter((key) => key.endsWith('/') && specifier.startsWith(key) && specifier.length > key.length)
    .sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) out.push(path.join(modules[prefix], specifier.slice(prefix.length)));
  out.push(...layerPathCandidates(specifier, layers));
  return out;
}
