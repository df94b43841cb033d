const middy = require('@middy/core');

const baseHandler = async (event) => {
  const visitors = [];
  visitors.push(event.name);
  return { visitors };
};

exports.handler = middy(baseHandler).use({ before: async () => {} });
