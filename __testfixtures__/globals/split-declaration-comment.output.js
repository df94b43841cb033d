'use strict';
const util = require('util');

let label = 'x';
// How the count is shown.
let prefix = 'n=';
exports.handler = async (event) => {
  // A running total.
  let total = 0;

  let count = 0;
  total += event.n;
  count++;
  return { total, label: util.format(label), shown: prefix + count };
};
