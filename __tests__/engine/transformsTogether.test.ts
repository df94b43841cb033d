// The four transforms run one after another on one tree: what one adds, the next reads.
// The tmp transform adds `rm` to the module's named import of `node:fs/promises`; the
// clients transform, after it, reads every import specifier's local name.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { applyTransforms } from '../../src/analysis/applyTransforms';
import { checkMigrationBehaviour } from '../../src/simulate';
import { loadTransform } from '../../transforms';

const ALL = (['globals', 'tmp', 'clients', 'container-id'] as const).map((name) => loadTransform(name));

const LAZY_CONNECTION_AND_TMP = `import { writeFile, readFile } from 'node:fs/promises';

let conn;
let opened = 0;
async function connect() {
  opened++;
  return { query: async (id) => ({ id }) };
}
async function getConn() {
  if (!conn) conn = connect();
  return conn;
}

export const handler = async (event) => {
  const db = await getConn();
  const row = await db.query(event.id);
  let before = 'none';
  try {
    before = await readFile('/tmp/lcs-together-export.json', 'utf8');
  } catch {}
  await writeFile('/tmp/lcs-together-export.json', JSON.stringify(row));
  return { before, opened };
};
`;

describe('the transforms together', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-together-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('migrate an ES module whose named fs/promises import the tmp transform extends, with a lazy connection the clients transform reads', async () => {
    const result = applyTransforms(LAZY_CONNECTION_AND_TMP, 'export.mjs', { transforms: ALL });
    expect(result.error).toBeUndefined();
    expect(result.output).toContain("import { writeFile, readFile, rm } from 'node:fs/promises';");
    expect(result.output).toContain("await rm('/tmp/lcs-together-export.json', { force: true });");
    expect(result.review.map((r) => r.kind)).toContain('lazy-cache');

    const input = path.join(dir, 'export.input.mjs');
    const output = path.join(dir, 'export.output.mjs');
    fs.writeFileSync(input, LAZY_CONNECTION_AND_TMP);
    fs.writeFileSync(output, result.output!);
    const report = await checkMigrationBehaviour({ input, output, handler: 'handler', events: [{ id: 'a' }, { id: 'b' }], leaks: true });
    expect(report.failures).toEqual([]);
  });
});
