// A double of `@aws-lambda-powertools/logger` public behaviour: `new Logger({ serviceName,
// logLevel, persistentKeys })`; `debug`/`info`/`warn`/`error(message, ...extra)` each print
// one JSON line to stdout (`level`, `message`, `service`, `timestamp`, then the persistent
// keys, the temporary keys and the extra objects, later ones winning); below the log level
// (INFO unless set) nothing is printed; `appendPersistentKeys` keys stay through
// `resetKeys`, `appendKeys` keys do not. No sampling, X-Ray or Lambda context keys.
'use strict';

const LEVELS = { DEBUG: 8, INFO: 12, WARN: 16, ERROR: 20 };

class Logger {
  constructor(options = {}) {
    this.serviceName = options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'service_undefined';
    const level = String(options.logLevel ?? process.env.POWERTOOLS_LOG_LEVEL ?? process.env.LOG_LEVEL ?? 'INFO').toUpperCase();
    this.threshold = LEVELS[level] ?? LEVELS.INFO;
    this.persistentKeys = { ...(options.persistentKeys ?? {}) };
    this.temporaryKeys = {};
  }

  appendPersistentKeys(attributes) {
    Object.assign(this.persistentKeys, attributes);
  }

  appendKeys(attributes) {
    Object.assign(this.temporaryKeys, attributes);
  }

  resetKeys() {
    this.temporaryKeys = {};
  }

  debug(message, ...extra) {
    this._print('DEBUG', message, extra);
  }

  info(message, ...extra) {
    this._print('INFO', message, extra);
  }

  warn(message, ...extra) {
    this._print('WARN', message, extra);
  }

  error(message, ...extra) {
    this._print('ERROR', message, extra);
  }

  _print(level, message, extra) {
    if (LEVELS[level] < this.threshold) return;
    const entry = { level, message, service: this.serviceName, timestamp: new Date().toISOString(), ...this.persistentKeys, ...this.temporaryKeys };
    for (const item of extra) {
      if (item instanceof Error) entry.error = { name: item.name, message: item.message };
      else if (item && typeof item === 'object') Object.assign(entry, item);
      else if (item !== undefined) entry.extra = item;
    }
    process.stdout.write(`${JSON.stringify(entry)}\n`);
  }
}

module.exports = { Logger };
