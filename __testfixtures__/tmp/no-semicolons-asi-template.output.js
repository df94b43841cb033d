const fs = require('fs')

exports.handler = async (event) => {
  // A warm start keeps /tmp: remove what earlier invocations left there.
  await fs.promises.rm('/tmp/lcs-tmp-asi-template.txt', { force: true })
  ;`${event.id}`.split('').forEach((c) => fs.appendFileSync('/tmp/lcs-tmp-asi-template.txt', c))
  return { data: fs.readFileSync('/tmp/lcs-tmp-asi-template.txt', 'utf8') }
}
