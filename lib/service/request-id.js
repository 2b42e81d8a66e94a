// Each request's id, on every log line it causes and in its X-Request-Id answer header.
"use strict";

const crypto = require("node:crypto");

/** A proxy's own id (nginx's $request_id) is kept only in this shape: no log injection. */
const PROXY_ID = /^[A-Za-z0-9._-]{8,64}$/;
const prefix = crypto.randomBytes(4).toString("hex");
let next = 0;

/** The proxy's X-Request-Id when the proxy is trusted (TRUST_PROXY) and it is well formed, else a new one. */
/**
 * @param {import("node:http").IncomingHttpHeaders} headers
 * @param {boolean} trustProxy
 */
function requestId(headers, trustProxy) {
  const given = headers["x-request-id"];
  if (trustProxy && typeof given === "string" && PROXY_ID.test(given)) return given;
  return `${prefix}-${(++next).toString(36)}`;
}

module.exports = { requestId };
