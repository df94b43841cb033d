const fs = require("fs")

const LOG = "/tmp/lcs-tmp-style-double-tabs.log"

exports.handler = function (event) {
	// A warm start keeps /tmp: remove what earlier invocations left there.
	fs.rmSync(LOG, { force: true })
	fs.appendFileSync(LOG, event.message + "\n")
	if (event.reset) {
		return "reset"
	}
	return fs.readFileSync(LOG, "utf8")
}
