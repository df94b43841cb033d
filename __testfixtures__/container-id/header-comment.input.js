// Copyright 2024 Example Corp. All rights reserved.
// Handles webhook deliveries from the payment provider.

exports.handler = async (event, context) => {
  return { statusCode: 202 };
};
