// A minimal stand-in for @aws-sdk/client-s3: `new S3Client(config).send(new GetObjectCommand(input))`
// resolves `{ Body: { transformToString() } }`, as the SDK's GetObject does. The object's body is a
// JSON document `{ "feature": "on", "version": N }` where N counts the GetObject calls this
// process made, so a handler that fetches again when it should have cached shows it.
let gets = 0;

class GetObjectCommand {
  constructor(input) {
    this.input = input;
  }
}

class S3Client {
  constructor(config) {
    this.config = config;
  }

  async send(command) {
    if (!(command instanceof GetObjectCommand)) throw new Error('the S3 double only knows GetObjectCommand');
    gets += 1;
    const body = JSON.stringify({ feature: 'on', key: command.input.Key, version: gets });
    return { Body: { transformToString: async () => body } };
  }
}

module.exports = { S3Client, GetObjectCommand };
