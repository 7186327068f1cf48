// Makes the home-screen icons in public/icons and public/favicon.ico from the site's mark
// (lib/design/site-mark.ts, the one source of the mark).
// Run after changing the mark: node --import ./lib/runtime/register.mjs scripts/make-icons.ts
// sharp comes with Next.js (its image optimizer).
import fs from 'node:fs';
import sharp from 'sharp';
import { SITE_MARK_SVG } from '../lib/design/site-mark';

const BRAND = '#14558f';
const svg = Buffer.from(SITE_MARK_SVG);
const out = (name: string) => `public/icons/${name}`;
fs.mkdirSync('public/icons', { recursive: true });

for (const size of [192, 512]) {
  await sharp(svg, { density: 1200 }).resize(size, size).png().toFile(out(`icon-${size}.png`));
}
// Maskable: the mark inside the central safe zone (80%) on a full-bleed background.
const inner = await sharp(svg, { density: 1200 }).resize(340, 340).png().toBuffer();
await sharp({ create: { width: 512, height: 512, channels: 4, background: BRAND } })
  .composite([{ input: inner, gravity: 'center' }])
  .png()
  .toFile(out('icon-maskable-512.png'));
await sharp(svg, { density: 1200 }).resize(180, 180).flatten({ background: BRAND }).png().toFile(out('apple-touch-icon.png'));
// /favicon.ico, which browsers ask for on every first visit: a 404 there is a console error
// (Lighthouse best practices). One 32×32 PNG inside an ICO header, which every current browser reads.
const png = await sharp(svg, { density: 1200 }).resize(32, 32).png().toBuffer();
const header = Buffer.alloc(22);
header.writeUInt16LE(0, 0); // reserved
header.writeUInt16LE(1, 2); // type: icon
header.writeUInt16LE(1, 4); // one image
header.writeUInt8(32, 6); // width
header.writeUInt8(32, 7); // height
header.writeUInt8(0, 8); // no palette
header.writeUInt8(0, 9); // reserved
header.writeUInt16LE(1, 10); // colour planes
header.writeUInt16LE(32, 12); // bits per pixel
header.writeUInt32LE(png.length, 14); // image size
header.writeUInt32LE(22, 18); // image offset
fs.writeFileSync('public/favicon.ico', Buffer.concat([header, png]));
