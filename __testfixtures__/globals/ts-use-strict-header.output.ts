'use strict';
// Copyright 2026 Example Corp.
export const handler = async (event: { id: number }) => {
  let count = 0;
  count += event.id;
  return count;
};
