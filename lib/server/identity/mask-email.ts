import 'server-only';

// A fixed run of dots, so the mask shows neither the length of the address nor more of it.
const HIDDEN = '•'.repeat(9);

/**
 * Enough of the address on file for its owner to recognise it ("m•••••••••s@members.example"),
 * too little for anyone else to learn it.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  const local = at > 0 ? email.slice(0, at) : email;
  const domain = at > 0 ? email.slice(at) : '';
  const chars = Array.from(local);
  // A local part of one or two characters would be shown whole by its first and last.
  const last = chars.length > 2 ? chars[chars.length - 1] : '';
  return `${chars[0] ?? ''}${HIDDEN}${last}${domain}`;
}
