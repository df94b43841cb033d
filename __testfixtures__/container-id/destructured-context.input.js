exports.handler = async ({ detail }, { awsRequestId: requestId, functionName }) => {
  return { requestId, functionName, detail };
};
