async function lambdaHandler(event) {
  let requestCount = 0;
  requestCount++;
  return { statusCode: 200, body: JSON.stringify({ requestCount }) };
}

module.exports = { lambdaHandler };
