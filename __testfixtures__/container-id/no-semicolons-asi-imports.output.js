const { randomUUID } = require('node:crypto')
const fs = require('fs')

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID()
let invocationCount = 0

;['lcsAsiImportsA', 'lcsAsiImportsB'].forEach((k) => { globalThis[k] = true })
;/^v\d+/.test(process.version) && (globalThis.lcsAsiImportsC = true)

exports.handler = async (event, context) => {
  invocationCount += 1
  console.log(JSON.stringify({ message: 'invocation', containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }))
  return { id: event.id, a: globalThis.lcsAsiImportsA === true, c: globalThis.lcsAsiImportsC === true, fs: typeof fs.readFileSync }
}
