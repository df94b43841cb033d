const TOKEN_RE = /tok_[a-z]+/g;
const WORD_RE = /[a-z]+/y;

function firstWord(text) {
  const match = WORD_RE.exec(text);
  return match ? match[0] : null;
}

exports.handler = async (event) => {
  return { hasToken: TOKEN_RE.test(event.header), word: firstWord(event.header) };
};
