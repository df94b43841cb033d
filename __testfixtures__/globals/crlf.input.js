const results = [];
let total = 0;

exports.handler = async (event) => {
  total += event.amount;
  results.push(event.amount);
  return { total, count: results.length };
};
