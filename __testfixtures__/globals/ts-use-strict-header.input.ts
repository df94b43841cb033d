'use strict';
// Copyright 2026 Example Corp.
let count = 0;

export const handler = async (event: { id: number }) => {
  count += event.id;
  return count;
};
