// The bench's SMTP sink: accepts everything, keeps nothing, counts messages. Prints one
// JSON line every 200 ms ({count, first, last} with ms timestamps) so the runner can follow.
// Usage: node bench/newsletter/sink.mjs <port>
import { SMTPServer } from "smtp-server";

const port = Number(process.argv[2] ?? 2552);
let count = 0;
let first = 0;
let last = 0;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  size: 10 * 1024 * 1024,
  onData(stream, _session, callback) {
    stream.on("data", () => {});
    stream.on("end", () => {
      last = Date.now();
      if (count++ === 0) first = last;
      callback();
    });
  },
});
server.listen(port, "127.0.0.1", () => console.log(JSON.stringify({ listening: port })));
setInterval(() => console.log(JSON.stringify({ count, first, last })), 200).unref();
process.on("SIGTERM", () => server.close(() => process.exit(0)));
