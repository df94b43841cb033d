const containerId = process.env.CONTAINER_ID;
const invocationCount = 3;

exports.handler = async (event, context) => {
  return { containerId, invocationCount, randomUUID: event.id };
};
