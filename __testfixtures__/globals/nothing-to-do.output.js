const { S3Client, GetObjectCommand } = require('@aws-sdk/client-s3');
const { Pool } = require('pg');
const Redis = require('ioredis');

const BUCKET = process.env.BUCKET;
const LIMITS = Object.freeze({ maxItems: 10 });
const GREETING = 'hello';
const DEFAULT_TAGS = ['a', 'b'];

const s3 = new S3Client({});
const pool = new Pool({ max: 1 });
const redis = new Redis(process.env.REDIS_URL);
let connected = false;

class Greeter {
  greet(name) {
    return `${GREETING}, ${name}`;
  }
}

function format(item) {
  return { ...item, tags: DEFAULT_TAGS };
}

exports.handler = async (event) => {
  if (!connected) {
    await pool.connect();
    connected = true;
  }
  await redis.set('last', event.id);
  const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: event.key }));
  return { greeting: new Greeter().greet(event.name), item: format(event.item), max: LIMITS.maxItems, object };
};
