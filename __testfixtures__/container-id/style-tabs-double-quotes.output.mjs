import { randomUUID } from "node:crypto"
import { getItem } from "./db.mjs"

// One id per execution environment: a repeated id in the logs means a warm start.
const containerId = randomUUID()
let invocationCount = 0

export const handler = async (event, context) => {
	invocationCount += 1
	console.log(JSON.stringify({ message: "invocation", containerId, invocation: invocationCount, coldStart: invocationCount === 1, requestId: context?.awsRequestId }))
	const item = await getItem(event.id)
	if (!item) {
		return { statusCode: 404 }
	}
	return { statusCode: 200, body: JSON.stringify(item) }
}
