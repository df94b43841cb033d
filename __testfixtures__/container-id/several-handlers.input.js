const { randomUUID: newId } = require('crypto');

exports.create = async (event) => {
  return { id: newId(), ...JSON.parse(event.body) };
};

exports.remove = async (event, context) => {
  return { deleted: event.pathParameters.id };
};
