import { scanClients } from '../../src/analysis/clientBindings';
import { jscodeshiftFor } from '../../src/analysis/parser';

const j = jscodeshiftFor('ts');

describe('packages whose objects hold no connection', () => {
  it('are not reported as unknown clients (Powertools Logger, Tracer, Metrics)', () => {
    const source = `import { Logger } from '@aws-lambda-powertools/logger';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { Kafka } from 'kafkajs';
const logger = new Logger({ serviceName: 'orders' });
const tracer = new Tracer();
const kafka = new Kafka({});`;
    expect(scanClients(j, j(source)).unknown.map((u) => u.name)).toEqual(['kafka']);
  });
});
