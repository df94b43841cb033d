'use strict';
// Copyright 2026 Example Corp. SPDX-License-Identifier: Apache-2.0
let count = 0;

exports.handler = async (event) => {
  count++;
  return { count, id: event.id };
};
