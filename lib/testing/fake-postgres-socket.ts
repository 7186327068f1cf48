import { EventEmitter } from 'node:events';

/**
 * Pieces of the Postgres wire protocol for tests that put a fake server behind the driver's
 * `socket` option (lib/db/postgres-reads.test.ts, postgres-round-trips.test.ts).
 */
export const message = (type: string, body: Buffer) => {
  const head = Buffer.alloc(5);
  head.write(type, 0, 'latin1');
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
};
export const cstring = (s: string) => Buffer.from(`${s}\0`, 'utf8');
export const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};
export const int16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeInt16BE(n);
  return b;
};

/**
 * A socket the driver writes to. It answers the startup (authentication ok, ready) and hands the
 * driver's later writes to `answer`; what it sends arrives on a later turn, as from a real socket.
 */
export abstract class FakePostgresSocket extends EventEmitter {
  readyState = 'open';
  private started = false;

  /** One write of the driver after the startup, whole. */
  protected abstract answer(bytes: Buffer): void;

  write(chunk: Buffer, callback?: () => void) {
    let bytes = Buffer.from(chunk);
    if (!this.started) {
      // The startup message has no type byte: skip it, then say the session is ready.
      this.started = true;
      bytes = bytes.subarray(bytes.readInt32BE(0));
      this.send(Buffer.concat([message('R', int32(0)), message('Z', Buffer.from('I'))]));
    }
    if (bytes.length > 0) this.answer(bytes);
    callback?.();
    return true;
  }

  /** Sends `bytes` on a later turn, in pieces of `piece` bytes. */
  protected send(bytes: Buffer, piece = bytes.length || 1) {
    const pieces: Buffer[] = [];
    for (let at = 0; at < bytes.length; at += piece) pieces.push(Buffer.from(bytes.subarray(at, at + piece)));
    setImmediate(() => pieces.forEach((p) => this.emit('data', p)));
  }

  setKeepAlive() {}
  end() {
    this.destroy();
  }
  destroy() {
    if (this.readyState === 'closed') return;
    this.readyState = 'closed';
    setImmediate(() => this.emit('close'));
  }
}
