'use strict';

const TABLE = process.env.TABLE || 'requests';

exports.handler = async (event) => {
  // request ids handled by this container
  let requests = [];

  requests.push(event.id);
  return { table: TABLE, handled: requests.length, ids: requests };
};
