const fs = require('fs');
const path = require('path');

const JOBS = '/tmp/lcs-tmp-mkdtemp-in-directory';
fs.mkdirSync(JOBS, { recursive: true });

exports.handler = (event) => {
  const job = fs.mkdtempSync(path.join(JOBS, 'job-'));
  fs.writeFileSync(path.join(job, 'input.json'), JSON.stringify(event));
  return fs.readdirSync(JOBS).length;
};
