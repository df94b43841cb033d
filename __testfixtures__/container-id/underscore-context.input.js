module.exports.handler = async (event, _context) => {
  return event.detail;
};
