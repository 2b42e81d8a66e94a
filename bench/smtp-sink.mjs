// A local SMTP server that accepts and counts every message: where the bench's sign-in
// mails go, so it can tell when the queue has delivered them.
import { SMTPServer } from "smtp-server";

export async function startSmtpSink(port) {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, _session, callback) {
      stream.on("end", () => {
        received++;
        callback();
      });
      stream.resume();
    },
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(undefined));
  });
  // A client reset while the bench stops the app (ECONNRESET) is no failure of the run.
  server.on("error", () => {});
  return {
    port,
    received: () => received,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
