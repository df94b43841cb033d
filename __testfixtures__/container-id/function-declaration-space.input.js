function handler (event) {
  return Promise.resolve({ id: event.id });
}

module.exports = { handler };
