'use strict';
// Copyright 2024 ACME. All rights reserved.

let label = 'x';
exports.handler = async (event) => {
  let total = 0;
  total += event.n;
  return { total, label };
};
