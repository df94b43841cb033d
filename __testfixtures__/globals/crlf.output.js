exports.handler = async (event) => {
  const results = [];
  let total = 0;
  total += event.amount;
  results.push(event.amount);
  return { total, count: results.length };
};
