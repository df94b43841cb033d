// Mixed module syntax, as transpiled or half-migrated code has it: an import beside
// module.exports. Babel parses it; the tool must not crash or change its module style.
import path from 'path';
const fs = require('fs');

let lastFile;

module.exports.handler = async (event) => {
  lastFile = path.join('/tmp', 'last.json');
  fs.writeFileSync(lastFile, JSON.stringify(event));
  return lastFile;
};
