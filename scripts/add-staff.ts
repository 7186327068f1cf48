// `npm run staff:add -- <username> "<Full name>" <role[+role]>`: adds a local staff account; the
// password is read from standard input (so it stays out of the shell history), at least 12
// characters. Roles: csr, privacy_officer, app_reviewer, admin.
import { createInterface } from 'node:readline/promises';
import { openDb, setProcessDb } from '@/lib/db/client';
import { addLocalStaff } from '@/lib/server/staff/manage-staff';
import { isStaffRole } from '@/lib/server/staff/staff-permissions';

async function main() {
  const [username, name, roleList] = process.argv.slice(2);
  const roles = (roleList ?? '').split('+').filter(Boolean);
  if (!username || !name || roles.length === 0 || !roles.every(isStaffRole)) {
    console.error('Usage: npm run staff:add -- <username> "<Full name>" <role[+role]>   (roles: csr, privacy_officer, app_reviewer, admin)');
    process.exit(2);
  }
  const input = createInterface({ input: process.stdin, output: process.stderr, terminal: false });
  process.stderr.write('Password (at least 12 characters): ');
  const password = (await input.question('')).trimEnd();
  input.close();
  const handle = openDb();
  setProcessDb(handle);
  try {
    await addLocalStaff({ username, name, roles: roles.filter(isStaffRole), password });
    console.log(`Added ${username.toLowerCase()} (${roles.join(', ')}).`);
  } finally {
    await (await handle).close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
