const fs = require('fs')
;['lcsAsiImportsA', 'lcsAsiImportsB'].forEach((k) => { globalThis[k] = true })
;/^v\d+/.test(process.version) && (globalThis.lcsAsiImportsC = true)

exports.handler = async (event) => {
  return { id: event.id, a: globalThis.lcsAsiImportsA === true, c: globalThis.lcsAsiImportsC === true, fs: typeof fs.readFileSync }
}
