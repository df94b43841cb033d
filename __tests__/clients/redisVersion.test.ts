// node-redis before 4 (`redis` ^3, Node-14-era code) has no `isOpen` and no promise
// `connect()`: it connects as the client is created and reconnects by itself. The v4 advice
// and the v4 check are wrong there; the version comes from the installed package or, without
// node_modules, from the range package.json allows. Unknown: today's behaviour.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/clients';

const CALLBACK = `'use strict';
var redis = require('redis');
var client = redis.createClient({ url: process.env.REDIS_URL });
exports.handler = function (event, context, callback) {
  client.get(event.key, function (err, value) { callback(err, value); });
};
`;

const CONNECTED = `const redis = require('redis');
const client = redis.createClient({ url: process.env.REDIS_URL });
client.on('error', (err) => console.error(err));
client.connect();
exports.handler = async (event) => client.get(event.key);
`;

const created: string[] = [];
afterAll(() => created.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function project(options: { range?: string; installed?: string }): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-redis-'));
  created.push(dir);
  if (options.range) fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'svc', dependencies: { redis: options.range } }));
  if (options.installed) {
    fs.mkdirSync(path.join(dir, 'node_modules', 'redis'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'node_modules', 'redis', 'package.json'), JSON.stringify({ name: 'redis', version: options.installed }));
  }
  fs.mkdirSync(path.join(dir, 'src'));
  return dir;
}

function run(dir: string, source: string) {
  const result = applyTransforms(source, path.join(dir, 'src', 'index.js'), { transforms: [transform] });
  expect(result.error).toBeUndefined();
  return { output: result.output, review: result.review.map((r) => [r.kind, r.message]) };
}

describe('node-redis 3', () => {
  it.each([
    ['declared in package.json', { range: '^3.1.2' }],
    ['installed', { installed: '3.1.2' }],
    ['installed, whatever package.json says', { range: '^4.6.0', installed: '3.0.2' }],
  ])('%s: no v4 advice and no v4 check, a review item that says how v3 recovers', (_label, options) => {
    for (const source of [CALLBACK, CONNECTED]) {
      const result = run(project(options), source);
      expect(result.output).toBeNull();
      expect(result.review).toEqual([['reused', expect.stringMatching(/^node-redis client `client` is kept as it is: the project uses node-redis 3 \(redis 3\.x\), which connects when the client is created and reconnects by itself after a lost connection \(`client\.connected` says whether it is connected now\) until its retry_strategy gives up; node-redis 4's `isOpen` and `connect\(\)` do not exist there, so no check is added/)]]);
      expect(JSON.stringify(result.review)).not.toContain('isOpen)');
    }
  });

  it('asks for an error listener only where there is none', () => {
    const dir = project({ range: '^3.1.2' });
    expect(run(dir, CALLBACK).review[0][1]).toMatch(/Give it an 'error' listener \(`client\.on\('error', \.\.\.\)`\): node-redis emits 'error' when a connection fails, and without a listener that crashes the process$/);
    expect(run(dir, CONNECTED).review[0][1]).toMatch(/so no check is added$/);
  });
});

describe('node-redis 4, or a version not known', () => {
  it.each([
    ['declared 4', { range: '^4.6.0' }],
    ['installed 4', { installed: '4.7.0' }],
    ['not known', {}],
  ])('%s: as before', (_label, options) => {
    const dir = project(options);
    const callback = run(dir, CALLBACK);
    expect(callback.output).toBeNull();
    expect(callback.review).toEqual([['client-not-migrated', 'node-redis client `client` is not connected when the module loads; connect it where it is used (`if (!client.isOpen) await client.connect()`)']]);
    const connected = run(dir, CONNECTED);
    expect(connected.output).toContain('if (!client.isOpen)');
  });
});
