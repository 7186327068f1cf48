// Benchmark child process (Postgres only): the floor under the no-cache line. It answers the
// benchmark's search with the least a server must do when every answer is read from the database:
// the FHIR API's own page statement (readSearchPage: the token's facts and the page in one
// statement, on the hub's driver path, prepared on its own pool of connections) and one write of
// the page's bytes. No access decision, no access-log row, no routing, headers or log line. The
// FHIR API beside it is what the hub's own work costs; it beside the bare server is what reading a
// page from Postgres costs on this machine, which no server that reads each answer can go under.
// Arguments: the database URL, the access token, the patient id.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { appClock, calendarDateIn } from '@/lib/calendar';
import { openDb, setProcessDb } from '@/lib/db/client';
import { readSearchPage } from '@/lib/server/fhir/read-search-page';
import { parseSearch } from '@/lib/server/fhir/search-parameters';

const [databaseUrl, token, patient] = process.argv.slice(2);
setProcessDb(openDb({ databaseUrl, migrate: false }));
const search = parseSearch('ExplanationOfBenefit', [['patient', patient], ['_count', '50']], true);
const HEAD = Buffer.from('{"resourceType":"Bundle","type":"searchset","entry":[');
const TAIL = Buffer.from(']}');

const server = http.createServer((_req, res) => {
  readSearchPage(token, 'ExplanationOfBenefit', search, calendarDateIn(appClock().now()), 'http://localhost/fhir').then(
    (page) => {
      if (!page.facts) return void res.writeHead(401).end();
      let length = HEAD.length + TAIL.length;
      for (const piece of page.entries) length += piece.length;
      res.writeHead(200, { 'content-type': 'application/fhir+json; charset=utf-8', 'content-length': length });
      res.cork();
      res.write(HEAD);
      for (const piece of page.entries) res.write(piece);
      res.end(TAIL);
      res.uncork();
    },
    () => res.writeHead(500).end(),
  );
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ bench: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })}\n`);
});
