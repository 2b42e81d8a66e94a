// Requests a browser cannot make: raw paths, chosen Host and forwarding headers, and
// chunked bodies of any size, with what the server did about them.
import fs from "node:fs";
import http from "node:http";

export type RawAnswer = { status: number; headers: http.IncomingHttpHeaders; body: string };

/**
 * One request with exactly this path and these headers (no redirects followed). A POST
 * with `chunks` sends them one by one, chunked; `end: false` leaves the body unfinished.
 */
export function rawRequest(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  { method = "GET", chunks = [] as string[], end = true } = {},
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, method, headers: { host: `localhost:${port}`, ...headers } }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    });
    req.on("error", reject);
    for (const c of chunks) req.write(c);
    if (end) req.end();
  });
}

export type ChunkedOutcome = {
  /** The answer's status, or null when the server closed without one. */
  status: number | null;
  /** Bytes the client had handed to its socket when the answer (or the close) came. */
  written: number;
  ms: number;
};

/**
 * POSTs `offered` bytes as a chunked body (no Content-Length), one chunk after another
 * as fast as the server takes them, and stops at the server's answer or close.
 */
export function sendChunked(port: number, path: string, headers: Record<string, string>, offered: number): Promise<ChunkedOutcome> {
  const chunk = Buffer.alloc(64 * 1024, "a");
  const started = Date.now();
  return new Promise((resolve) => {
    let written = 0;
    let settled = false;
    const done = (status: number | null) => {
      if (settled) return;
      settled = true;
      resolve({ status, written, ms: Date.now() - started });
      req.destroy();
    };
    const req = http.request({ host: "127.0.0.1", port, path, method: "POST", headers: { host: `localhost:${port}`, ...headers } });
    req.on("response", (res) => {
      res.resume();
      done(res.statusCode ?? null);
    });
    req.on("error", () => done(null));
    req.on("close", () => done(null));
    const pump = () => {
      while (!settled && written < offered) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (!settled) req.end();
    };
    req.write("email=reader%40example.com&callbackUrl=%2F&x=");
    pump();
  });
}

/** Does anything accept a TCP connection on `host`:`port`? */
export function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.request({ host, port, path: "/api/health", timeout: 5_000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on("error", () => resolve(false));
    req.on("timeout", () => req.destroy());
    req.end();
  });
}

/** The process listening on TCP `port` (from /proc: the socket's inode, then its owner). */
export function listeningPid(port: number): number | null {
  const hex = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    if (!fs.existsSync(table)) continue;
    for (const line of fs.readFileSync(table, "utf8").split("\n").slice(1)) {
      const f = line.trim().split(/\s+/);
      if (f.length > 9 && f[1].endsWith(`:${hex}`) && f[3] === "0A") inodes.add(f[9]);
    }
  }
  for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(fs.readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1])) return Number(pid);
      } catch {
        // closed meanwhile
      }
    }
  }
  return null;
}

/** Resident memory of a process, in bytes. */
export function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}
