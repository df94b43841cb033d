'use strict';

const TABLE = process.env.TABLE || 'requests';

// request ids handled by this container
var requests = [];

exports.handler = async (event) => {
  requests.push(event.id);
  return { table: TABLE, handled: requests.length, ids: requests };
};
