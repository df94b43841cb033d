'use strict';
// Copyright 2026 Example Corp. SPDX-License-Identifier: Apache-2.0
exports.handler = async (event) => {
  let count = 0;
  count++;
  return { count, id: event.id };
};
