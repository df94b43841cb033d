// A double of `@aws-lambda-powertools/parameters/secrets`: `getSecret(name)` resolves to the
// secret's value (the same in every environment), as Secrets Manager would answer it.
'use strict';

async function getSecret(name) {
  return `secret-of-${name}`;
}

module.exports = { getSecret };
