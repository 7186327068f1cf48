// `npm run audit:verify`: checks the audit trail's hash chain in the configured database
// (DATABASE_URL, or the PGlite files in DATA_DIR while no server holds them) and names the first
// broken row. Exit code 0 when intact, 1 when broken. Record the head hash it prints somewhere
// else now and then: a later run that no longer reaches it shows a rewritten chain.
import { DataDirLockedError } from '@/lib/db/data-dir-lock';
import { openDb } from '@/lib/db/client';
import { describeAuditChainCheck, verifyAuditChain } from '@/lib/server/audit/verify-audit-chain';

async function main() {
  let handle;
  try {
    // No migrations: a check never changes the database it checks.
    handle = await openDb({ migrate: false });
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`${error.message}\nStop the server first, or check a Postgres database (DATABASE_URL) while it runs.`);
      process.exit(2);
    }
    throw error;
  }
  try {
    const check = await verifyAuditChain(handle.db);
    console.log(describeAuditChainCheck(check));
    process.exitCode = check.ok ? 0 : 1;
  } finally {
    await handle.close();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(2);
});
