// Benchmark child process: a bare Node server answering every request with the same bytes the
// FHIR API sent for the benchmark query. The ceiling any real server could reach here.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

const body = fs.readFileSync(process.argv[2]);
const server = http.createServer((_req, res) => {
  res.writeHead(200, { 'content-type': 'application/fhir+json; charset=utf-8', 'cache-control': 'no-store', 'content-length': body.length });
  res.end(body);
});
server.keepAliveTimeout = 65_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ bench: true, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })}\n`);
});
