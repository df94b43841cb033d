'use strict';

const querystring = require('querystring');

exports.handler = function (event, context, callback) {
  const params = querystring.parse(event.body || '');
  callback(null, { statusCode: 200, body: JSON.stringify(params) });
};
