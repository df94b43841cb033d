var fs = require('fs');
var path = require('path');

var REQ_DIR = '/tmp/lcs-tmp-var-never-reassigned';

module.exports.handler = function (event, context, callback) {
  fs.mkdir(REQ_DIR, { recursive: true }, function (err) {
    if (err) return callback(err);
    fs.writeFile(path.join(REQ_DIR, event.id + '.json'), JSON.stringify(event), function (err2) {
      if (err2) return callback(err2);
      fs.readdir(REQ_DIR, function (err3, names) {
        callback(err3, { stored: names.sort() });
      });
    });
  });
};
