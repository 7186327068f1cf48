import postgres from 'postgres';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakePostgresSocket, cstring, int16, int32, message } from '@/lib/testing/fake-postgres-socket';

/**
 * The Postgres driver's reading of answers that arrive cut anywhere (patches/postgres+3.4.9.patch):
 * a fake server behind the driver's `socket` option sends an answer in pieces of a chosen size, so
 * messages span pieces at every offset. The FHIR read path gets pages of 50 claims of 2 to 15 kB
 * each in reads of 64 kB; the patched driver joins only the message that spans two reads, where the
 * unpatched one joined the whole read again.
 */

/** RowDescription of one text column, a DataRow per value, CommandComplete and ReadyForQuery. */
function answer(values: string[]): Buffer {
  const column = Buffer.concat([cstring('value'), int32(0), int16(0), int32(25), int16(-1), int32(-1), int16(0)]);
  return Buffer.concat([
    message('T', Buffer.concat([int16(1), column])),
    ...values.map((v) => {
      const bytes = Buffer.from(v, 'utf8');
      return message('D', Buffer.concat([int16(1), int32(bytes.length), bytes]));
    }),
    message('C', cstring(`SELECT ${values.length}`)),
    message('Z', Buffer.from('I')),
  ]);
}

/** A fake server that answers each simple query with `reply`, in pieces of `piece` bytes. */
class FakeServer extends FakePostgresSocket {
  constructor(
    private reply: Buffer,
    private piece: number,
  ) {
    super();
  }
  protected answer(bytes: Buffer) {
    for (let at = 0; at < bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
      if (bytes[at] === 0x51) this.send(this.reply, this.piece); // 'Q', a simple query
    }
  }
}

async function read(values: string[], piece: number, reply = answer(values)) {
  const server = new FakeServer(reply, piece);
  // `socket` is the driver's option for a socket of one's own (it is missing from its types).
  const options = { socket: () => server, fetch_types: false, max: 1, onnotice: () => {} };
  const sql = postgres(options as postgres.Options<Record<string, never>>);
  try {
    const rows = await sql.unsafe('select value').simple();
    return rows.map((row) => row.value as string);
  } finally {
    await sql.end({ timeout: 0 });
  }
}

/** Values of 0 to ~15 kB with multi-byte characters, as claims of different sizes. */
function claims(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `{"id":"eob-${i}","note":"${'añ€😀'.repeat((i * 977) % 1_500)}"}`);
}

afterEach(() => vi.restoreAllMocks());

describe('the Postgres driver reads answers cut at any byte', () => {
  it.each([1, 2, 3, 5, 7, 13, 64, 1_000, 4_093, 8_192, 65_536, 1 << 20])('in pieces of %i bytes', async (piece) => {
    const values = claims(piece < 64 ? 12 : 60);
    expect(await read(values, piece)).toEqual(values);
  });

  it('joins only the message that spans two reads, not the whole read again', async () => {
    const values = claims(50);
    const reply = answer(values);
    // The bytes the driver joins as it reads (its other joins, of what it writes, are not counted).
    let copied = 0;
    const concat = Buffer.concat.bind(Buffer);
    vi.spyOn(Buffer, 'concat').mockImplementation((list, length) => {
      const joined = concat(list, length);
      if (/\bdata \(.*postgres\/src\/connection\.js/.test(new Error().stack ?? '')) copied += joined.length;
      return joined;
    });
    expect(await read(values, 65_536, reply)).toEqual(values);
    expect(copied).toBeGreaterThan(0);
    const total = reply.length;
    // Unpatched, every read after the first was joined to the message it finished: about the
    // whole answer. Patched, only each spanning message is (under 16 kB per read here).
    expect(copied).toBeLessThan(total / 4);
  });
});
