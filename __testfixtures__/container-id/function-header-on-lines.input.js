module.exports = {
  async handler (
    event,
  ) {
    return { records: event.Records.length };
  },
};
