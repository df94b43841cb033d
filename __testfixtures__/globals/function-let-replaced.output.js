// the formatter a request may switch to upper case: one request's choice must not outlive it
exports.handler = async (event) => {
  let format = (text) => text;
  if (event.upper) format = (text) => text.toUpperCase();
  return format(`hi ${event.name}`);
};
