const { randomUUID } = require('node:crypto');

exports.newOrderId = () => randomUUID();
