// Where a module the handler names lives on this machine when Lambda would find it in a
// layer: `--module` entries that end in `/` map every specifier below them (`/opt/nodejs/`
// → `layers/common/nodejs/`), and `/opt/...` maps to the layers' folders the manifests name
// (a later layer first, as Lambda extracts them in order; the mapping is migrate's, from
// ../analysis/moduleResolution.ts). Used by the runner's require hook and by the ESM loader hooks.
import path from 'node:path';
import { layerPathCandidates, type LayerFolder } from '../analysis/moduleResolution';

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
