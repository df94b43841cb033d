let requestCount = 0;

async function lambdaHandler(event) {
  requestCount++;
  return { statusCode: 200, body: JSON.stringify({ requestCount }) };
}

module.exports = { lambdaHandler };
