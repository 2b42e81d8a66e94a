import "server-only";
// Fetches (and keeps) SNS signing certificates. Only from URLs snsUrl() accepted; the
// system's CAs verify the SNS host, except under the test-only LEDE_SNS_TEST_CA, which
// replaces them with the test's own CA (and LEDE_SNS_TEST_CONNECT, where to connect).
import https from "node:https";
import { X509Certificate } from "node:crypto";
import { env } from "@/lib/config/env";

const MAX_CERT_BYTES = 16 * 1024;
const MAX_KEPT = 32;
const kept = new Map<string, Promise<X509Certificate>>();

/** GET over https with the SNS rules; the body, at most maxBytes. */
export function snsGet(url: URL, maxBytes: number): Promise<string> {
  const test = env.emailEvents;
  const [testHost, testPort] = test.snsTestCa && test.snsTestConnect ? test.snsTestConnect.split(":") : [];
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        method: "GET",
        host: testHost ?? url.hostname,
        port: testPort ? Number(testPort) : 443,
        servername: url.hostname,
        headers: { host: url.hostname },
        path: url.pathname + url.search,
        ca: test.snsTestCa,
        timeout: 5000,
        // A certificate for the SNS host is required; no redirect is ever followed.
        rejectUnauthorized: true,
      },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new Error(`HTTP ${res.statusCode}`));
        }
        let size = 0;
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            req.destroy(new Error("too large"));
            return;
          }
          chunks.push(c);
        });
        res.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", reject);
    req.end();
  });
}

export function signingCertificate(url: URL): Promise<X509Certificate> {
  const key = url.href;
  let cert = kept.get(key);
  if (!cert) {
    cert = snsGet(url, MAX_CERT_BYTES).then((pem) => new X509Certificate(pem));
    cert.catch(() => kept.delete(key));
    if (kept.size >= MAX_KEPT) kept.delete(kept.keys().next().value!);
    kept.set(key, cert);
  }
  return cert;
}
