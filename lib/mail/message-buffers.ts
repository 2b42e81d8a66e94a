// Reusable byte buffers for outgoing messages.
//
// At 1,000 messages a second, a fresh 10–20 kB Buffer per message is promoted out of V8's
// young generation while it waits its turn in the SMTP pool, and such Buffers are freed
// only by a full collection, which V8 starts after about 64 MB of them. That put 60 MB
// bursts on the worker's RSS. Reusing a small set of buffers keeps the bytes flat.

const MIN_SIZE = 32 * 1024;
const KEEP = 128;

export class MessageBuffers {
  private free: Buffer[] = [];

  /** The message's bytes in a buffer lent until `release`. The message must be 7-bit (it is: MIME-encoded). */
  borrow(message: string): { bytes: Buffer; release: () => void } {
    const length = message.length;
    let buffer = this.free.pop();
    if (!buffer || buffer.length < length) buffer = Buffer.allocUnsafeSlow(Math.max(MIN_SIZE, length));
    const written = buffer.write(message, "latin1");
    const owned = buffer;
    return {
      bytes: owned.subarray(0, written),
      release: () => {
        if (this.free.length < KEEP) this.free.push(owned);
      },
    };
  }
}
