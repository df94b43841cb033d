// One simulated execution environment for the thaw tests, run in a child process:
// loads a CommonJS handler once with packages replaced by test doubles, then invokes it
// with each event in turn. Between two invocations the event loop turns once, as it does
// while the Lambda runtime waits for the next event; that is where the doubles' server
// closes idle connections. An uncaught error ends the environment, as it ends a Lambda
// process. Prints one JSON line: { results, crashed, constructed }.
// Usage: node runEnvironment.js HANDLER_FILE MODULES_JSON EVENTS_JSON
'use strict';

const Module = require('node:module');
const path = require('node:path');

const [file, modulesJson, eventsJson] = process.argv.slice(2);
const modules = JSON.parse(modulesJson);
const events = JSON.parse(eventsJson);

const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (Object.hasOwn(modules, request)) return path.resolve(modules[request]);
  return resolve.call(this, request, ...rest);
};

const results = [];
let crashed = null;
let failRunning = null;
process.on('uncaughtException', (error) => {
  crashed = error.message;
  if (failRunning) failRunning(error);
});

function outcome(promise) {
  return promise.then(
    (value) => ({ ok: JSON.parse(JSON.stringify(value ?? null)) }),
    (error) => ({ error: error.message }),
  );
}

async function main() {
  const handler = require(path.resolve(file)).handler;
  for (let i = 0; i < events.length; i++) {
    if (crashed) {
      results.push({ notRun: crashed });
      continue;
    }
    const crash = new Promise((_, reject) => (failRunning = reject));
    crash.catch(() => undefined);
    results.push(await outcome(Promise.race([Promise.resolve().then(() => handler(events[i], {})), crash])));
    failRunning = null;
    if (i < events.length - 1) await new Promise((r) => setImmediate(r));
  }
  process.stdout.write(JSON.stringify({ results, crashed, constructed: globalThis.__lcsDoubles?.constructed ?? {} }) + '\n');
  process.exit(0);
}

main();
