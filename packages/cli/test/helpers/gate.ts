import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of the platform that can hold a large response part
 * way: once `holdAfter` bytes have gone down one connection, it stops
 * forwarding. The CLI is then stuck mid-download, deterministically, with
 * part of the file on disk; the test interrupts it, opens the gate and runs
 * it again. (A stand-in for a network that drops: the one thing here that
 * cannot be real.)
 */
export class Gate {
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #target = 0;
  /** Bytes one connection may carry downstream before it is held; Infinity: never hold. */
  holdAfter = Infinity;
  /** Bytes one connection may carry upstream (a request body) before it is held; Infinity: never hold. */
  holdUpAfter = Infinity;
  #cut = false;

  private constructor(server: Server) {
    this.#server = server;
  }

  /** Starts the proxy on an ephemeral loopback port; `target(port)` points it at the platform. */
  static async open(): Promise<Gate> {
    const server = createServer();
    const gate = new Gate(server);
    server.on('connection', (client) => gate.#pipe(client));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return gate;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  target(port: number): void {
    this.#target = port;
  }

  /** Bytes held upstream so far, across connections (how far a held upload got). */
  heldUp = 0;

  /**
   * Behaves as a platform that was killed: every open connection is reset and
   * new ones are dropped at once, until {@link restore}.
   */
  cut(): void {
    this.#cut = true;
    for (const socket of this.#sockets) socket.resetAndDestroy();
  }

  restore(): void {
    this.#cut = false;
  }

  async close(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #pipe(client: Socket): void {
    if (this.#cut) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(this.#target, '127.0.0.1');
    this.#sockets.add(client).add(upstream);
    let down = 0;
    let up = 0;
    client.on('data', (chunk: Buffer) => {
      if (up + chunk.length > this.holdUpAfter) {
        const room = Math.max(0, this.holdUpAfter - up);
        if (room > 0) upstream.write(chunk.subarray(0, room));
        up = this.holdUpAfter;
        this.heldUp = up;
        client.pause();
        return;
      }
      up += chunk.length;
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (down + chunk.length > this.holdAfter) {
        // Held: forward up to the limit, then nothing more on this connection.
        const room = Math.max(0, this.holdAfter - down);
        if (room > 0) client.write(chunk.subarray(0, room));
        down = this.holdAfter;
        upstream.pause();
        return;
      }
      down += chunk.length;
      client.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
      this.#sockets.delete(client);
      this.#sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  }
}
