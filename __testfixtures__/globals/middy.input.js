const middy = require('@middy/core');

const visitors = [];

const baseHandler = async (event) => {
  visitors.push(event.name);
  return { visitors };
};

exports.handler = middy(baseHandler).use({ before: async () => {} });
