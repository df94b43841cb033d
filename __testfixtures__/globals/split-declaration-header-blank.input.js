'use strict';
// Copyright 2024 ACME. All rights reserved.

let total = 0, label = 'x';
exports.handler = async (event) => {
  total += event.n;
  return { total, label };
};
