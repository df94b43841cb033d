const { randomUUID } = require('node:crypto')

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID()
let invocationCount = 0

exports.handler = async (event, context) => {
  invocationCount += 1
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }))
  ;[event.a, event.b] = [event.b, event.a]
  ;`${event.a}`.length
  return { a: event.a, b: event.b }
}
