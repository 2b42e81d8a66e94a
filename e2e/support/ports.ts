// A server the set-up starts must be the one that answers: a stray one left by an earlier
// run on the same port would pass the health check instead, and the suite would test
// whatever that old build and its settings do.
import net from "node:net";

/** Throws, naming the port, when something already accepts connections on it. */
export async function ensurePortFree(port: number, what: string): Promise<void> {
  const answered = await new Promise<boolean>((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.setTimeout(2_000);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("timeout", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(false));
  });
  if (answered) {
    throw new Error(`port ${port} (${what}) is taken by another process, perhaps a server left by an earlier run: see \`ss -ltnp 'sport = :${port}'\`, stop it, or move the suite with the E2E_* port variables`);
  }
}
