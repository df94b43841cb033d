import { randomUUID } from 'node:crypto'

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID()
let invocationCount = 0

export const handler = async (event, context) => { // note
  invocationCount += 1
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }))
  if (event.a) { // inner
    return 1
  }
  return event.id
}
