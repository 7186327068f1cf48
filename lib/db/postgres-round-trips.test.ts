import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { FakePostgresSocket, cstring, int16, int32, message } from '@/lib/testing/fake-postgres-socket';

/**
 * One round trip a statement (patches/postgres+3.4.9.patch): drizzle runs every statement as an
 * unnamed one, and the unpatched driver asked the server for the parameters' types first (Parse,
 * Describe, Flush; wait; then Bind, Execute, Sync) whenever a statement had parameters: two round
 * trips, two writes and two wakeups of each side for every query the hub makes outside the FHIR
 * read path. A fake server behind the driver's `socket` option counts the flights and reads what
 * each Bind carries.
 */

/** A socket that speaks enough of the extended protocol: one text column, `value`, one row. */
class ExtendedFakeServer extends FakePostgresSocket {
  /** Each write of the driver after the startup: the message types it held. */
  flights: string[][] = [];
  /** The text of each parameter of each Bind, null for SQL NULL. */
  binds: (string | null)[][] = [];
  private parameterCount = 0;

  protected answer(bytes: Buffer) {
    const types: string[] = [];
    const out: Buffer[] = [];
    const describe = () => [
      message('t', Buffer.concat([int16(this.parameterCount), ...Array.from({ length: this.parameterCount }, () => int32(25))])),
      message('T', Buffer.concat([int16(1), cstring('value'), int32(0), int16(0), int32(25), int16(-1), int32(-1), int16(0)])),
    ];
    for (let at = 0; at < bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
      const type = String.fromCharCode(bytes[at]);
      const body = bytes.subarray(at + 5, at + 1 + bytes.readInt32BE(at + 1));
      types.push(type);
      if (type === 'P') {
        const afterName = body.indexOf(0) + 1;
        const afterQuery = body.indexOf(0, afterName) + 1;
        this.parameterCount = body.readInt16BE(afterQuery);
        out.push(message('1', Buffer.alloc(0)));
      } else if (type === 'D') out.push(...describe());
      else if (type === 'B') {
        let i = body.indexOf(0) + 1;
        i = body.indexOf(0, i) + 1;
        i += 2 + 2 * body.readInt16BE(i);
        const count = body.readInt16BE(i);
        i += 2;
        const values: (string | null)[] = [];
        for (let p = 0; p < count; p++) {
          const length = body.readInt32BE(i);
          i += 4;
          values.push(length < 0 ? null : body.toString('utf8', i, i + length));
          if (length > 0) i += length;
        }
        this.binds.push(values);
        out.push(message('2', Buffer.alloc(0)));
      } else if (type === 'E') out.push(message('D', Buffer.concat([int16(1), int32(2), Buffer.from('ok')])), message('C', cstring('SELECT 1')));
      else if (type === 'S') out.push(message('Z', Buffer.from('I')));
    }
    this.flights.push(types);
    this.send(Buffer.concat(out));
  }
}

async function withServer<T>(run: (client: postgres.Sql, server: ExtendedFakeServer) => Promise<T>): Promise<ExtendedFakeServer> {
  const server = new ExtendedFakeServer();
  // `socket` is the driver's option for a socket of one's own (it is missing from its types).
  const client = postgres({ socket: () => server, fetch_types: false, max: 1, onnotice: () => {} } as postgres.Options<Record<string, never>>);
  try {
    await run(client, server);
  } finally {
    await client.end({ timeout: 0 });
  }
  return server;
}

describe('a statement drizzle runs', () => {
  it('goes out in one flight when its parameters are text, numbers and nulls, and each is sent as its text', async () => {
    const server = await withServer(async (client) => {
      const db = drizzle(client);
      const rows = await db.execute(sql`select ${'añ€😀 \\ "x"'}::text as value where ${42} > ${1.5} and ${null}::text is null and ${'{"a":1}'}::jsonb is not null and ${'2026-12-05'}::date is not null`);
      expect([...rows]).toEqual([{ value: 'ok' }]);
    });
    expect(server.flights).toEqual([['P', 'D', 'B', 'E', 'S']]);
    expect(server.binds).toEqual([['añ€😀 \\ "x"', '42', '1.5', null, '{"a":1}', '2026-12-05']]);
  });

  it('still asks for the types first when a parameter needs the server\'s type to be written (an array)', async () => {
    const server = await withServer(async (client) => {
      await drizzle(client).execute(sql`select ${sql.param(['a', 'b'])}::text[] as value`);
    });
    expect(server.flights.map((f) => f.join(''))).toEqual(['PDH', 'BES']);
  });

  it('keeps a value postgres.js types itself (a boolean) as it types it, in one flight', async () => {
    const server = await withServer(async (client) => {
      await drizzle(client).execute(sql`select ${true} as value, ${'x'}::text`);
    });
    expect(server.flights).toEqual([['P', 'D', 'B', 'E', 'S']]);
    expect(server.binds).toEqual([['t', 'x']]);
  });

  it('asks first where the driver\'s own serializers would rewrite a string (no drizzle: json quotes it)', async () => {
    const server = await withServer(async (client) => {
      await client.unsafe('select $1::jsonb as value', ['abc'], { prepare: false });
    });
    expect(server.flights.map((f) => f.join(''))).toEqual(['PDH', 'BES']);
  });

  it('leaves named statements as they were: described once, then bound', async () => {
    const server = await withServer(async (client) => {
      await client.unsafe('select $1::text as value', ['a'], { prepare: true });
      await client.unsafe('select $1::text as value', ['b'], { prepare: true });
    });
    expect(server.flights.map((f) => f.join(''))).toEqual(['PDH', 'BES', 'BES']);
  });
});
