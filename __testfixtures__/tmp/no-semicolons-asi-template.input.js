const fs = require('fs')

exports.handler = async (event) => {
  `${event.id}`.split('').forEach((c) => fs.appendFileSync('/tmp/lcs-tmp-asi-template.txt', c))
  return { data: fs.readFileSync('/tmp/lcs-tmp-asi-template.txt', 'utf8') }
}
