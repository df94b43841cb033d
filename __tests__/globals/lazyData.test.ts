// A value fetched lazily from a package that returns data (Powertools Parameters' getSecret)
// is a cache of data, not a client kept for reuse: reported as a lazy cache, so that
// --cache-ttl can give it an expiry (a rotated secret is then read again).
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { transform } from '../../transforms/globals';

const source =
  "import { getSecret } from '@aws-lambda-powertools/parameters/secrets';\nlet apiKey;\nexport const handler = async (event) => {\n  if (!apiKey) apiKey = await getSecret('partner-api-key');\n  return apiKey.length;\n};\n";

describe('a secret fetched lazily', () => {
  it('is reported as a lazy cache, not as a client', () => {
    const result = applyTransforms(source, 'handler.mjs', { transforms: [transform] });
    expect(result.output).toBeNull();
    expect(result.review.map((r) => r.kind)).toEqual(['lazy-cache']);
    expect(result.review[0].message).toContain('--cache-ttl SECONDS gives it an expiry');
  });

  it('gets an expiry with --cache-ttl', () => {
    const result = applyTransforms(source, 'handler.mjs', { transforms: [transform], options: { cacheTtl: 60 } });
    expect(result.changes.map((c) => c.kind)).toEqual(['cache-ttl']);
    expect(result.output).toContain('Date.now() - apiKeyLoadedAt > 60_000');
  });

  it('a provider made with new stays what it was (a connectionless object kept for reuse)', () => {
    const provider = "import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';\nlet provider;\nexport const handler = async () => {\n  if (!provider) provider = new SecretsProvider();\n  return provider.get('k');\n};\n";
    const result = applyTransforms(provider, 'handler.mjs', { transforms: [transform], options: { cacheTtl: 60 } });
    expect(result.changes).toEqual([]);
    expect(result.review.map((r) => r.kind)).toEqual(['client']);
  });
});
