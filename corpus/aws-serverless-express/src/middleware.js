const { eventContext } = require('@vendia/serverless-express/middleware')

module.exports.eventContext = eventContext
