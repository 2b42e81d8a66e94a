// A test CA of our own for the SNS route: a "server" certificate for an SNS host (so the
// route's https fetch verifies as it would against AWS) and a signing certificate whose
// key signs the test's SNS messages. Made with the openssl command line, in a temp dir.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export type TestCa = { dir: string; caPem: string; serverKey: string; serverCert: string; signingKey: string; signingCert: string };

export const SNS_TEST_HOST = "sns.us-east-1.amazonaws.com";

export function makeTestCa(): TestCa {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-sns-ca-"));
  const f = (n: string) => path.join(dir, n);
  const ssl = (...args: string[]) => execFileSync("openssl", args, { cwd: dir, stdio: "pipe" });
  ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f("ca.key"), "-out", f("ca.pem"), "-days", "2", "-subj", "/CN=Lede Test CA");
  for (const [name, cn, ext] of [
    ["server", SNS_TEST_HOST, `subjectAltName=DNS:${SNS_TEST_HOST}`],
    ["signing", "sns.amazonaws.com", "keyUsage=digitalSignature"],
  ]) {
    ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", f(`${name}.key`), "-out", f(`${name}.csr`), "-subj", `/CN=${cn}`);
    fs.writeFileSync(f(`${name}.ext`), ext + "\n");
    ssl("x509", "-req", "-in", f(`${name}.csr`), "-CA", f("ca.pem"), "-CAkey", f("ca.key"), "-CAcreateserial", "-out", f(`${name}.pem`), "-days", "2", "-extfile", f(`${name}.ext`));
  }
  const read = (n: string) => fs.readFileSync(f(n), "utf8");
  return { dir, caPem: read("ca.pem"), serverKey: read("server.key"), serverCert: read("server.pem"), signingKey: read("signing.key"), signingCert: read("signing.pem") };
}
