let maxSeen = -Infinity;
let smallest = +Infinity;

exports.handler = async (event) => {
  for (const reading of event.readings) {
    maxSeen = Math.max(maxSeen, reading);
    smallest = Math.min(smallest, reading);
  }
  return { max: maxSeen, min: smallest };
};
