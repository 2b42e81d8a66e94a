// Lede's HTTP server: Next.js behind a plain node:http server, so that the client's
// socket address reaches the app in a header no client can forge (x-lede-client-ip).
const http = require("node:http");
const next = require("next");

const port = Number(process.env.PORT || 3000);
const host = process.env.LEDE_LISTEN_HOST || "0.0.0.0";

process.env.NODE_ENV = process.env.NODE_ENV || "production";
const app = next({ dev: false, dir: __dirname, hostname: "localhost", port });
const handle = app.getRequestHandler();

app
  .prepare()
  .then(() => {
    const server = http.createServer((req, res) => {
      req.headers["x-lede-client-ip"] = req.socket.remoteAddress || "unknown";
      handle(req, res);
    });
    server.keepAliveTimeout = 65_000;
    server.listen(port, host, () => {
      console.log(`Lede is serving ${process.env.SITE_URL || `http://localhost:${port}`} (port ${port})`);
    });
    const stop = () => {
      server.close(() => process.exit(0));
      setTimeout(() => process.exit(0), 5_000).unref();
    };
    process.on("SIGTERM", stop);
    process.on("SIGINT", stop);
  })
  .catch((err) => {
    console.error(`Lede could not start: ${err && err.message ? err.message : err}`);
    process.exit(1);
  });
