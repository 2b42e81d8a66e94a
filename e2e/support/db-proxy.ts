// A TCP proxy between the "second" app and PostgreSQL, so that a spec can take that one
// process's database away and give it back: "cut" resets every open connection and then
// refuses new ones (or holds them unanswered, as a network that drops packets would),
// "restore" forwards again (held connections go through). Driven over a small HTTP API,
// since specs run in other worker processes than the set-up that owns the proxy.
import http from "node:http";
import net from "node:net";
import { DB_PROXY_API_URL } from "./env";

/** What happens to a connection that arrives while the proxy is cut. */
export type CutMode = "refuse" | "hold";
type State = "open" | CutMode;

export class DbProxy {
  private state: State = "open";
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  private readonly held = new Set<net.Socket>();
  private proxy: net.Server | null = null;
  private api: http.Server | null = null;

  constructor(
    private readonly target: { host: string; port: number },
    private readonly port: number,
    private readonly apiPort: number,
  ) {}

  /** A PostgreSQL URL like `databaseUrl`, through this proxy. */
  urlFor(databaseUrl: string): string {
    const u = new URL(databaseUrl);
    u.hostname = "127.0.0.1";
    u.port = String(this.port);
    return u.toString();
  }

  async start(): Promise<void> {
    this.proxy = net.createServer((client) => this.accept(client));
    this.api = http.createServer((req, res) => this.handle(req, res));
    for (const [server, port] of [
      [this.proxy, this.port],
      [this.api, this.apiPort],
    ] as const) {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
    }
  }

  async stop(): Promise<void> {
    this.cut("refuse");
    for (const c of this.held) c.destroy();
    await Promise.all([this.proxy, this.api].map((s) => new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()))));
  }

  private accept(client: net.Socket) {
    client.on("error", () => {});
    if (this.state === "refuse") return void client.resetAndDestroy();
    if (this.state === "hold") {
      // Nothing is read or answered: the client's bytes wait in the socket until restore.
      this.held.add(client);
      client.once("close", () => this.held.delete(client));
      return;
    }
    this.forward(client);
  }

  private forward(client: net.Socket) {
    const upstream = net.connect(this.target.port, this.target.host);
    const pair = { client, upstream };
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    upstream.on("error", close);
    client.on("error", close);
    client.once("close", close);
    upstream.once("close", close);
    client.pipe(upstream);
    upstream.pipe(client);
  }

  /** Resets every open connection; new ones are refused or held until restore(). */
  cut(mode: CutMode): number {
    this.state = mode;
    const open = this.pairs.size;
    for (const { client, upstream } of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
    return open;
  }

  restore(): number {
    this.state = "open";
    const held = [...this.held];
    this.held.clear();
    for (const c of held) if (!c.destroyed) this.forward(c);
    return held.length;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://proxy");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    const mode = url.searchParams.get("new") ?? "refuse";
    if (req.method === "POST" && url.pathname === "/cut" && (mode === "refuse" || mode === "hold")) {
      return send(200, { state: mode, reset: this.cut(mode) });
    }
    if (req.method === "POST" && url.pathname === "/restore") return send(200, { state: "open", released: this.restore() });
    if (req.method === "GET" && url.pathname === "/state") return send(200, { state: this.state, open: this.pairs.size, held: this.held.size });
    send(404, { error: "not found" });
  }
}

/** For specs: the second app's database connection, taken away and given back. */
export const secondAppDatabase = {
  async cut(mode: CutMode = "refuse"): Promise<void> {
    const res = await fetch(`${DB_PROXY_API_URL}/cut?new=${mode}`, { method: "POST" });
    if (!res.ok) throw new Error(`db proxy: cut answered ${res.status}`);
  },
  async restore(): Promise<void> {
    const res = await fetch(`${DB_PROXY_API_URL}/restore`, { method: "POST" });
    if (!res.ok) throw new Error(`db proxy: restore answered ${res.status}`);
  },
};
