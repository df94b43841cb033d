// Names that mean something else here: `tmp` is a temperature, `event` an event emitter,
// `handler` a local object; the Lambda handler is `main`, exported as `handler`.
const EventEmitter = require('events');

const tmp = { celsius: 21 };
const event = new EventEmitter();
const handler = { onReading(r) { return r * 2; } };
const readings = [];

event.on('reading', (r) => readings.push(handler.onReading(r)));

async function main(evt, ctx) {
  const tmpFile = '/tmpfoo/not-tmp.txt';
  event.emit('reading', evt.value ?? tmp.celsius);
  return { readings, tmpFile };
}

exports.handler = main;
