'use strict';
var processed = [];
exports.handler = function (event, context, callback) {
  processed.push(event.id); var x = 1;
  callback(null, { processed: processed.length, x: x });
};
