// `--shard I/N`: spreads the files of a very large repository over N machines of a CI
// matrix. A file belongs to one shard, chosen by a hash of its path relative to the
// repository root (not of anything that differs between machines, such as the checkout
// directory or the order the file system lists files in), so every machine agrees on
// the split without talking to the others, and the shards' reports together are the
// whole run's report.
import path from 'node:path';
import { UsageError } from './errors';

export interface Shard {
  /** 1-based: `--shard 1/3` is the first of three. */
  index: number;
  count: number;
}

/** `2/5` → { index: 2, count: 5 }; anything else is a usage error. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = match ? Number(match[1]) : NaN;
  const count = match ? Number(match[2]) : NaN;
  if (!(Number.isSafeInteger(index) && Number.isSafeInteger(count) && count >= 1 && index >= 1 && index <= count)) {
    throw new UsageError(`--shard takes I/N with 1 <= I <= N, such as 1/4 (got "${text}")`);
  }
  return { index, count };
}

/** The shard (1-based) that holds the file at `relativePath` (`/`-separated). */
export function shardOf(relativePath: string, count: number): number {
  return (fnv1a(relativePath) % count) + 1;
}

/** Whether `absolutePath` belongs to `shard`, keyed by its path relative to `base`. */
export function inShard(absolutePath: string, base: string, shard: Shard): boolean {
  if (shard.count === 1) return true;
  const relative = path.relative(base, absolutePath).split(path.sep).join('/');
  return shardOf(relative, shard.count) === shard.index;
}

/** 32-bit FNV-1a over the UTF-8 bytes: small, stable across platforms and versions, and
 * spreads paths that differ in one character. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
