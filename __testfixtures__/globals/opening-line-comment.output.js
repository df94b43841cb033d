'use strict';
exports.handler = function (event, context, callback) { // handler comment
  let seen = [];
  seen.push(event.id);
  callback(null, { n: seen.length });
};
