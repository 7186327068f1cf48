import 'server-only';
import { randomBytes } from 'node:crypto';
import { is, SQL } from 'drizzle-orm';
import type { PgDialect } from 'drizzle-orm/pg-core';
import { getDbHandle } from '@/lib/db/client';
import type { RenderedStatement } from './statement-template';

interface PostgresJsQuery<T> extends Promise<T> {
  raw(): Promise<(Buffer | null)[][]>;
}
interface PostgresJsClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): PostgresJsQuery<Record<string, unknown>[]>;
}
interface PGliteClient {
  query<T>(query: string, params: unknown[], options?: { rowMode: 'array' }): Promise<{ rows: T[] }>;
  /** Holds the lock query() and transaction() hold, so nothing runs inside another's transaction. */
  _runExclusiveTransaction<T>(fn: () => Promise<T>): Promise<T>;
  /** Holds the lock of one protocol exchange. */
  runExclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** Runs protocol messages; the answer comes to onRawData in pieces, views of the database's memory. */
  execProtocolRawStream(message: Uint8Array, options: { syncToFs: boolean; onRawData: (bytes: Uint8Array) => void }): Promise<void>;
}

async function driverOf(query: SQL | RenderedStatement) {
  const { db, engine } = await getDbHandle();
  const { dialect, $client } = db as unknown as { dialect: PgDialect; $client: unknown };
  const { sql: text, params } = is(query, SQL) ? dialect.sqlToQuery(query) : query;
  return { engine, text, params, client: $client };
}

/**
 * One statement of the FHIR read path, straight on the driver: the SQL is composed with drizzle
 * (its columns and parameters; or already rendered, by a StatementTemplate) but run without its
 * result mapping, as a named prepared statement,
 * so the server parses and plans each shape of request once per connection. Every column comes
 * back as the bytes the server sent (select text columns only): on Postgres each value is a view
 * into the bytes read from the socket, never decoded into a string, so served JSON goes from the
 * database's answer to the HTTP answer without a copy per character.
 */
export async function runRawStatement(query: SQL | RenderedStatement): Promise<(Buffer | null)[][]> {
  const { engine, text, params, client } = await driverOf(query);
  if (engine === 'postgres') return (client as PostgresJsClient).unsafe(text, params, { prepare: true }).raw();
  const pglite = client as PGliteClient;
  const values = textValues(params);
  if (values) return runPreparedOnPGlite(pglite, text, values);
  const { rows } = await pglite.query<unknown[]>(text, params, { rowMode: 'array' });
  return rows.map((row) => row.map((value) => (value === null ? null : Buffer.from(String(value)))));
}

/** The parameters as Postgres text, or null when one is of a kind only PGlite's own query() converts. */
function textValues(params: unknown[]): (string | null)[] | null {
  const values: (string | null)[] = [];
  for (const value of params) {
    if (value === null || value === undefined) values.push(null);
    else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') values.push(String(value));
    else return null;
  }
  return values;
}

/** Named statements prepared on each PGlite instance: SQL text to name. */
const preparedOn = new WeakMap<PGliteClient, Map<string, string>>();
/**
 * Names carry a mark of this copy of the module: a bundle that holds its own copy (as Next.js does
 * with lib/db/client.ts) shares the process's PGlite instance, and must not count the same names.
 */
const NAME_PREFIX = `fhir_read_${randomBytes(4).toString('hex')}_`;
/** A request shape with a list (`_id=a,b,c`) has a text per length: past this many, statements are not kept. */
const MAX_PREPARED = 64;

/**
 * PGlite runs in this process's one thread, and its query() parses and plans the statement on
 * every call (an unnamed statement) and decodes every column into a string. Here the statement is
 * prepared once per instance under a name, so each call is one Bind, Execute and Sync in one
 * exchange with the database (Postgres plans it once, or again only when its custom plans pay),
 * and the columns are cut from the answer's bytes (DataRow messages) without decoding or parsing
 * any other message. An error answer is parsed by PGlite's own protocol parser and thrown as its
 * DatabaseError.
 */
async function runPreparedOnPGlite(pglite: PGliteClient, text: string, values: (string | null)[]): Promise<(Buffer | null)[][]> {
  const { protocol } = await import('@electric-sql/pglite');
  const serialize = protocol.serialize;
  const names = preparedOn.get(pglite) ?? new Map<string, string>();
  preparedOn.set(pglite, names);
  const answer = await pglite._runExclusiveTransaction(() =>
    pglite.runExclusive(async () => {
      // Decided inside the lock, so two calls of a new statement at once never both parse it. A
      // name exists on the server exactly when it is in `names`, so the next number is free.
      let name = names.get(text);
      let preparing: string | null = null;
      const messages: Uint8Array[] = [];
      if (name === undefined) {
        preparing = names.size < MAX_PREPARED ? `${NAME_PREFIX}${names.size + 1}` : '';
        messages.push(serialize.parse({ name: preparing, text }));
        name = preparing;
      }
      messages.push(serialize.bind({ statement: name, values }), serialize.execute({}), serialize.sync());
      // Each piece (Postgres sends 8 kB at a time) is copied out at once, since the next statement
      // reuses that memory, into one buffer that doubles as needed; nothing else is done with it
      // (PGlite's other ways of running a statement also parse every message). Synced to PGlite's
      // file system afterwards, as query() does outside a transaction (the access log is written
      // this way).
      let bytes = Buffer.allocUnsafe(64 * 1024);
      let size = 0;
      const onRawData = (piece: Uint8Array) => {
        if (size + piece.length > bytes.length) {
          const grown = Buffer.allocUnsafe(Math.max(bytes.length * 2, size + piece.length));
          bytes.copy(grown, 0, 0, size);
          bytes = grown;
        }
        bytes.set(piece, size);
        size += piece.length;
      };
      await pglite.execProtocolRawStream(Buffer.concat(messages), { syncToFs: true, onRawData });
      const read = readAnswer(bytes.subarray(0, size));
      // Kept once the server has it, even if this first run failed, so a name is never parsed twice.
      if (preparing && read.parsed) names.set(text, preparing);
      return read;
    }),
  );
  const { bytes, rows, failed } = answer;
  if (failed) {
    let error: Error = new Error('The database refused the statement');
    new protocol.Parser().parse(bytes, (message) => {
      if (message instanceof protocol.messages.DatabaseError) error = message;
    });
    throw error;
  }
  return rows;
}

const PARSE_COMPLETE = 0x31; // '1'
const DATA_ROW = 0x44; // 'D'
const ERROR_RESPONSE = 0x45; // 'E'

/**
 * A Postgres protocol answer: its rows, each column a view of its bytes (null for SQL null),
 * whether a Parse was completed and whether it holds an ErrorResponse. A message is a type byte and
 * a length that counts itself; a DataRow holds a column count, then each column's length (-1 for
 * null) and bytes.
 */
function readAnswer(bytes: Buffer): { bytes: Buffer; rows: (Buffer | null)[][]; parsed: boolean; failed: boolean } {
  const rows: (Buffer | null)[][] = [];
  let parsed = false;
  let failed = false;
  for (let at = 0; at < bytes.length; at += 1 + bytes.readInt32BE(at + 1)) {
    const type = bytes[at];
    if (type === PARSE_COMPLETE) parsed = true;
    else if (type === ERROR_RESPONSE) failed = true;
    else if (type === DATA_ROW) {
      let field = at + 7;
      const row: (Buffer | null)[] = [];
      for (let column = bytes.readInt16BE(at + 5); column > 0; column--) {
        const length = bytes.readInt32BE(field);
        field += 4;
        row.push(length < 0 ? null : bytes.subarray(field, field + length));
        if (length > 0) field += length;
      }
      rows.push(row);
    }
  }
  return { bytes, rows, parsed, failed };
}
