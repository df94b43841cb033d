exports.handler = async (event, { functionName }) => {
  return { functionName, id: event.id };
};
