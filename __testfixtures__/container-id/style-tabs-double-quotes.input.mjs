import { getItem } from "./db.mjs"

export const handler = async (event, context) => {
	const item = await getItem(event.id)
	if (!item) {
		return { statusCode: 404 }
	}
	return { statusCode: 200, body: JSON.stringify(item) }
}
