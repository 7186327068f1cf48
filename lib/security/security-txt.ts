import { PAYER } from '@/lib/payer';

/**
 * When the security contact was last confirmed, and when the file says it goes stale (RFC 9116
 * asks for an Expires under a year ahead): a person renews both, the file is never extended by
 * itself (a date that moves forward on its own would say nothing).
 */
export const SECURITY_TXT = { reviewed: '2026-12-04', expires: '2027-11-30T23:59:59.000Z' } as const;

/**
 * `/.well-known/security.txt` (RFC 9116) for this deployment: its URIs are absolute, from the
 * deployment's public address (the RFC's Policy and Canonical are URIs, and a relative path is
 * not one), so the file is written per instance, not kept as a static file.
 */
export function securityTxt(publicUrl: string): string {
  const origin = publicUrl.replace(/\/+$/, '');
  return [
    '# RFC 9116. Found a vulnerability in the member portal, the SMART authorization server or the',
    "# Patient Access API? Tell us. Please never use real members' data: the demo members are there for testing.",
    `Contact: mailto:${PAYER.securityEmail}`,
    `Expires: ${SECURITY_TXT.expires}`,
    `Policy: ${origin}/security`,
    `Canonical: ${origin}/.well-known/security.txt`,
    'Preferred-Languages: en, es',
    '',
  ].join('\n');
}
