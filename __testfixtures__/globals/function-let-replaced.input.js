// the formatter a request may switch to upper case: one request's choice must not outlive it
let format = (text) => text;

exports.handler = async (event) => {
  if (event.upper) format = (text) => text.toUpperCase();
  return format(`hi ${event.name}`);
};
