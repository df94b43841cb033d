'use strict';
const util = require('util');

// A running total.
let total = 0, label = 'x';
// How the count is shown.
let prefix = 'n=', count = 0;
exports.handler = async (event) => {
  total += event.n;
  count++;
  return { total, label: util.format(label), shown: prefix + count };
};
