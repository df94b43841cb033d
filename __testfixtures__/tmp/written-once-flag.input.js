const fs = require('fs');

const CERT_PATH = '/tmp/lcs-tmp-written-once-flag.pem';
let certWritten = false;

// the database's CA certificate, written on first use
function ensureCert(pem) {
  if (!certWritten) {
    fs.writeFileSync(CERT_PATH, pem);
    certWritten = true;
  }
  return CERT_PATH;
}

exports.handler = async (event) => {
  const caFile = ensureCert('-----BEGIN CERTIFICATE-----');
  return { caBytes: fs.readFileSync(caFile).length, q: event.q };
};
