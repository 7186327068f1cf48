import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PAYER } from '@/lib/payer';
import { SECURITY_TXT, securityTxt } from './security-txt';

const publicFile = (name: string) => fs.readFileSync(path.join('public', name));

/** RFC 9116 fields as name → values (a field may repeat). */
function securityTxtFields(text: string): Map<string, string[]> {
  const fields = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const match = /^([A-Za-z-]+):\s*(.+)$/.exec(line.trim());
    if (!match || line.startsWith('#')) continue;
    const name = match[1]!.toLowerCase();
    fields.set(name, [...(fields.get(name) ?? []), match[2]!.trim()]);
  }
  return fields;
}

function pngSize(buffer: Buffer): string {
  expect(buffer.subarray(1, 4).toString('latin1')).toBe('PNG');
  return `${buffer.readUInt32BE(16)}x${buffer.readUInt32BE(20)}`;
}

describe('public files', () => {
  it('robots.txt keeps crawlers out of every private or machine path', () => {
    const robots = publicFile('robots.txt').toString('utf8');
    const disallowed = robots.split('\n').filter((l) => l.startsWith('Disallow:')).map((l) => l.slice('Disallow:'.length).trim());
    for (const p of ['/account', '/connect', '/consent', '/staff', '/oauth', '/fhir']) expect(disallowed).toContain(p);
    expect(robots).toMatch(/^User-agent: \*$/m);
  });

  it('security.txt has the RFC 9116 fields: one Expires in the future and under a year after the review, a contact, absolute https Policy and Canonical URIs', () => {
    const fields = securityTxtFields(securityTxt('https://portal.example.gov/'));
    expect(fields.get('contact')).toEqual([`mailto:${PAYER.securityEmail}`]);
    const expires = fields.get('expires') ?? [];
    expect(expires).toHaveLength(1);
    const expiresAt = new Date(expires[0]!);
    expect(expiresAt.toISOString()).toBe(expires[0]); // RFC 3339, as the RFC asks
    expect(expiresAt.getTime()).toBeGreaterThan(Date.now());
    expect(expiresAt.getTime() - new Date(SECURITY_TXT.reviewed).getTime()).toBeLessThanOrEqual(366 * 24 * 3600 * 1000);
    // URIs, not relative paths (RFC 9116 2.5.7 and 2.5.2), on the deployment's own address.
    expect(fields.get('policy')).toEqual(['https://portal.example.gov/security']);
    expect(fields.get('canonical')).toEqual(['https://portal.example.gov/.well-known/security.txt']);
    expect(fs.existsSync('app/security/page.tsx')).toBe(true);
    // Only fields the RFC defines, each line ends in a newline, none repeated but Contact.
    for (const name of fields.keys()) expect(['contact', 'expires', 'policy', 'canonical', 'preferred-languages']).toContain(name);
    expect(securityTxt('https://portal.example.gov').endsWith('\n')).toBe(true);
    // Nothing is served as a static file beside it, with a relative policy.
    expect(fs.existsSync('public/.well-known/security.txt')).toBe(false);
  });

  it('the web manifest names the site and lists icons that exist at the sizes it states', () => {
    const manifest = JSON.parse(publicFile('manifest.webmanifest').toString('utf8')) as {
      name: string;
      start_url: string;
      icons: { src: string; sizes: string; type: string; purpose: string }[];
    };
    expect(manifest.name).toBeTruthy();
    expect(manifest.start_url).toBe('/');
    expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(manifest.icons.some((i) => i.purpose === 'maskable')).toBe(true);
    for (const icon of manifest.icons) {
      expect(icon.type).toBe('image/png');
      expect(pngSize(publicFile(icon.src.slice(1)))).toBe(icon.sizes);
    }
    expect(pngSize(publicFile('icons/apple-touch-icon.png'))).toBe('180x180');
  });
});
