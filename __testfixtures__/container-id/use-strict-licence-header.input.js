'use strict';
// Copyright 2026 Example Corp.

const TABLE = process.env.TABLE || 'orders';

exports.handler = async (event) => {
  return { table: TABLE, id: event.id };
};
