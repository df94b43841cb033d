const fs = require('fs');
const path = require('path');

const ESCAPE = path.join('/tmp/lcs-tmp-dot-dot', '..', '..', 'etc', 'lcs-tmp-dot-dot');

exports.handler = (event) => {
  fs.writeFileSync('/tmp/../etc/lcs-tmp-dot-dot.conf', event.a);
  fs.mkdirSync('/tmp/lcs-tmp-dot-dot/../lcs-tmp-dot-dot-sibling', { recursive: true });
  fs.writeFileSync(ESCAPE, event.b);
  fs.writeFileSync(`/tmp/lcs-tmp-dot-dot/${'..'}/x`, event.c);
};
