import 'server-only';
import os from 'node:os';
import path from 'node:path';

export interface AppConfig {
  port: number;
  publicUrl: string;
  fhirBaseUrl: string;
  issuer: string;
  databaseUrl: string | null;
  /** Connections each instance keeps to Postgres (DATABASE_POOL_SIZE); unused on PGlite. */
  databasePoolSize: number;
  dataDir: string;
  smtpUrl: string | null;
  demoData: boolean;
  /** Demo mode shows the dev outbox and the demo sign-in hints; off when DEMO_DATA=0. */
  demoMode: boolean;
  secureCookies: boolean;
  /** Which proxies may set X-Forwarded-For (a hop count, or addresses and networks); null: none, the socket is the client. */
  trustProxy: string | null;
}

/** Read on every call: tests and the start script change the environment before use. */
export function appConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const port = Number(env.PORT ?? 3000);
  const publicUrl = (env.PUBLIC_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const demoData = env.DEMO_DATA !== '0' && env.DEMO_DATA !== 'false';
  return {
    port,
    publicUrl,
    fhirBaseUrl: `${publicUrl}/fhir`,
    issuer: `${publicUrl}/oauth`,
    databaseUrl: env.DATABASE_URL?.trim() || null,
    databasePoolSize: databasePoolSize(env.DATABASE_POOL_SIZE),
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? './data'),
    smtpUrl: env.SMTP_URL?.trim() || null,
    demoData,
    demoMode: demoData,
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: env.TRUST_PROXY?.trim() || null,
  };
}

/**
 * Read once: appConfig() runs on every request, and asking the system for its cores is a system
 * call each time.
 */
const CORES = os.availableParallelism();

/**
 * DATABASE_POOL_SIZE, else twice this machine's cores plus one (the PostgreSQL wiki's rule of
 * thumb for active connections): more connections than cores to run them only add switching
 * between Postgres backends. On 2 cores, 5 connections served the FHIR read path 14% faster
 * than 10 (README, Quality). At least 2: migrations hold one while the migrator uses another.
 */
export function databasePoolSize(value: string | undefined, cores = CORES): number {
  if (value === undefined || value.trim() === '') return Math.max(3, 2 * cores + 1);
  const size = Number(value);
  if (!Number.isInteger(size) || size < 2 || size > 1000) throw new Error(`DATABASE_POOL_SIZE must be a whole number from 2 to 1000 (it is "${value}").`);
  return size;
}
