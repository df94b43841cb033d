import * as fs from 'node:fs';

const FONT = '/tmp/lcs-tmp-download-cache-early-return.ttf';

async function font(): Promise<Buffer> {
  if (fs.existsSync(FONT)) return fs.readFileSync(FONT);
  const response = await fetch('https://example.com/font.ttf');
  const bytes = Buffer.from(await response.arrayBuffer());
  fs.writeFileSync(FONT, bytes);
  return bytes;
}

export async function handler(event: { text: string }) {
  const bytes = await font();
  return { text: event.text, fontSize: bytes.length };
}
