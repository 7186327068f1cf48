import 'server-only';
import path from 'node:path';

export interface AppConfig {
  port: number;
  publicUrl: string;
  fhirBaseUrl: string;
  issuer: string;
  databaseUrl: string | null;
  dataDir: string;
  smtpUrl: string | null;
  demoData: boolean;
  /** Demo mode shows the dev outbox and the demo sign-in hints; off when DEMO_DATA=0. */
  demoMode: boolean;
  secureCookies: boolean;
  /** Memory for what the FHIR API may reuse between requests (checked against the database each time); 0 turns reuse off. */
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
    dataDir: path.resolve(/*turbopackIgnore: true*/ env.DATA_DIR ?? './data'),
    smtpUrl: env.SMTP_URL?.trim() || null,
    demoData,
    demoMode: demoData,
    secureCookies: publicUrl.startsWith('https://'),
    trustProxy: env.TRUST_PROXY?.trim() || null,
  };
}
