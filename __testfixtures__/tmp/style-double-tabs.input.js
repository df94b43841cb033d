const fs = require("fs")

const LOG = "/tmp/lcs-tmp-style-double-tabs.log"

exports.handler = function (event) {
	fs.appendFileSync(LOG, event.message + "\n")
	if (event.reset) {
		return "reset"
	}
	return fs.readFileSync(LOG, "utf8")
}
