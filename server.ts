// The one process: the Next.js app, the SMART authorization server at /oauth, and the
// outbox worker. Run through scripts/start.ts (`npm start`) or `npm run dev`.
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { getDbHandle } from '@/lib/db/client';
import { compileSiteStylesheet, recompileOnChange } from '@/lib/design/site-stylesheet';
import { publishSiteStylesheet } from '@/lib/design/site-stylesheet-slot';
import { startSessionPurge } from '@/lib/server/auth/start-session-purge';
import { startRetentionPurge } from '@/lib/server/retention/start-retention-purge';
import { appConfig } from '@/lib/server/config/app-config';
import { loadDemoData } from '@/lib/server/demo/load-demo-data';
import { log } from '@/lib/server/log/logger';
import { routeConsoleToLog } from '@/lib/server/log/route-console-to-log';
import { answerClientErrors } from '@/lib/server/http/answer-client-errors';
import { compressPages } from '@/lib/server/http/compress-pages';
import { answerWithPageStatus } from '@/lib/server/http/page-status';
import { guardPagePosts } from '@/lib/server/http/guard-page-posts';
import { routeRequests } from '@/lib/server/http/route-request';
import { servePrecompressedStatic } from '@/lib/server/http/serve-precompressed-static';
import { inlinePageStyles } from '@/lib/server/http/inline-page-styles';
import { startScriptsAfterFirstPaint } from '@/lib/server/http/start-scripts-after-first-paint';
import { settleMailDeliveries } from '@/lib/server/mail/deliver-mail-soon';
import { startOutboxWorker } from '@/lib/server/mail/start-outbox-worker';
import { staffOidcConfig } from '@/lib/server/staff/staff-oidc-config';
import { startNoticeScheduler } from '@/lib/server/notices/start-notice-scheduler';
import { setProvider } from '@/lib/server/smart/provider-instance';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export async function startServer({ dev = false }: { dev?: boolean } = {}): Promise<RunningServer> {
  // From here on every line the process writes is one redacted JSON event, Next.js's own included.
  const restoreConsole = routeConsoleToLog();
  const config = appConfig();
  // Half a staff identity-provider configuration is refused here, not at a staff member's first sign-in.
  staffOidcConfig();
  const handle = await getDbHandle();
  if (config.demoData) await loadDemoData(handle.db);

  // Loaded here, after the console is routed: node-oidc-provider writes its runtime notice as it loads.
  const { createSmartProvider } = await import('@/lib/server/smart/create-provider');
  const provider = await createSmartProvider(handle.db);
  setProvider(provider);
  // The stylesheet every page carries inline (components/layout/inline-stylesheet.tsx).
  publishSiteStylesheet(await compileSiteStylesheet());
  const stopRecompiling = dev
    ? recompileOnChange(process.cwd(), publishSiteStylesheet, (error) => log.error('stylesheet.compile-failed', { error }))
    : () => {};
  const app = next({ dev, dir: process.cwd(), port: config.port, hostname: 'localhost' });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  const pages = guardPagePosts(compressPages(startScriptsAfterFirstPaint(inlinePageStyles(answerWithPageStatus((req, res) => void nextHandler(req, res))))));
  // The build's scripts compressed once each (a dev server's change as they are edited).
  const ui = dev ? pages : servePrecompressedStatic(path.join(process.cwd(), '.next', 'static'), pages).listener;
  const server = http.createServer(routeRequests({ provider, publicUrl: config.publicUrl, ui }));
  server.keepAliveTimeout = 65_000;
  answerClientErrors(server);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, process.env.HOST ?? '0.0.0.0', () => resolve());
  });
  const stopOutbox = startOutboxWorker();
  const stopNotices = startNoticeScheduler();
  const stopSessionPurge = startSessionPurge();
  const stopRetentionPurge = startRetentionPurge();
  log.info('server.ready', { url: config.publicUrl, database: handle.engine });

  return {
    url: config.publicUrl,
    async close() {
      stopOutbox();
      stopNotices();
      stopSessionPurge();
      stopRetentionPurge();
      stopRecompiling();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await settleMailDeliveries();
      await app.close();
      await handle.close();
      restoreConsole();
    },
  };
}

const isMain = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  startServer({ dev: process.argv.includes('--dev') }).catch((error) => {
    log.error('server.start-failed', { error, detail: error instanceof Error ? error.message : String(error) });
    process.exit(1);
  });
}
