const primed = [];

async function handler(event) {
  primed.push(event.name);
  return primed.length;
}

handler({ name: 'warm-up' });

module.exports = { handler };
