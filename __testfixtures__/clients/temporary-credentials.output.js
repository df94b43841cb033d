const { S3Client } = require('@aws-sdk/client-s3');

const s3 = new S3Client({
  credentials: { accessKeyId: process.env.KEY, secretAccessKey: process.env.SECRET, sessionToken: process.env.TOKEN, expiration: new Date(process.env.EXPIRES) },
});

exports.handler = async () => s3.config.region();
