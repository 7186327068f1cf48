import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './password-hash';

describe('staff password hashing', () => {
  it('never stores the password and verifies only the right one', async () => {
    const hash = await hashPassword('demo-csr-2026!');
    expect(hash).not.toContain('demo-csr-2026!');
    expect(hash.startsWith('scrypt$')).toBe(true);
    expect(await verifyPassword('demo-csr-2026!', hash)).toBe(true);
    expect(await verifyPassword('demo-csr-2026?', hash)).toBe(false);
    expect(await hashPassword('demo-csr-2026!')).not.toBe(hash); // salted
  });
});
