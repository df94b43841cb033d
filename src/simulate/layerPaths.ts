// Where a module the handler names lives on this machine when Lambda would find it in a
// layer: `--module` entries that end in `/` map every specifier below them (`/opt/nodejs/`
// → `layers/common/nodejs/`), and `/opt/...` maps to the layers' folders the manifests name
// (a later layer first, as Lambda extracts them in order). Used by the runner's require
// hook and by the ESM loader hooks.
import path from 'node:path';

/** A layer whose content is a folder here: what /opt is (null: only /opt/nodejs), and /opt/nodejs. */
export interface LayerFolder {
  opt: string | null;
  nodejs: string;
}

/** The files to try for `specifier`, in order (empty: none of the mappings covers it). */
export function mappedCandidates(specifier: string, modules: Record<string, string>, layers: LayerFolder[]): string[] {
  const out: string[] = [];
  const prefixes = Object.keys(modules)
    .filter((key) => key.endsWith('/') && specifier.startsWith(key) && specifier.length > key.length)
    .sort((a, b) => b.length - a.length);
  for (const prefix of prefixes) out.push(path.join(modules[prefix], specifier.slice(prefix.length)));
  if (specifier.startsWith('/opt/')) {
    const rest = path.posix.normalize(specifier).slice('/opt/'.length);
    if (!rest.startsWith('..')) {
      for (const layer of [...layers].reverse()) {
        if (rest === 'nodejs' || rest.startsWith('nodejs/')) out.push(path.join(layer.nodejs, rest.slice('nodejs'.length)));
        else if (layer.opt) out.push(path.join(layer.opt, rest));
      }
    }
  }
  return out;
}

/** Lambda's NODE_PATH for these layers: each layer's nodejs/nodeNN/node_modules and
 * nodejs/node_modules (a later layer first). */
export function layerNodePath(layers: LayerFolder[]): string[] {
  const major = process.versions.node.split('.')[0];
  return [...layers].reverse().flatMap((layer) => [path.join(layer.nodejs, `node${major}`, 'node_modules'), path.join(layer.nodejs, 'node_modules')]);
}
