const { Kafka } = require('kafkajs');
const { Pool } = require('./db');

const kafka = new Kafka({ brokers: [process.env.BROKER] });
const local = new Pool();

exports.handler = async (event) => {
  await kafka.producer().send({ topic: 'events', messages: [{ value: event.body }] });
  return local.size;
};
