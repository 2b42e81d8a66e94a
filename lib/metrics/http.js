// Counts each answered request by the render server.js chose and its status (README: "Metrics").
"use strict";

const { metrics } = require("./registry");
const { RENDER_HEADER } = require("../render/routes");

/** The render label: metered-<n> as one "metered", nothing chosen as "none". */
/** @param {unknown} value */
function renderLabel(value) {
  if (typeof value !== "string" || value === "") return "none";
  return value.startsWith("metered-") ? "metered" : value;
}

/** Counts `req` once its answer ends (or its connection closes first: status 499). */
/**
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 */
function countRequest(req, res) {
  const started = performance.now();
  const m = metrics();
  let counted = false;
  const done = (/** @type {boolean} */ finished) => {
    if (counted) return;
    counted = true;
    const render = renderLabel(req.headers[RENDER_HEADER]);
    m.requests.inc({ render, status: finished ? String(res.statusCode) : "499" });
    m.requestSeconds.observe({ render }, (performance.now() - started) / 1000);
  };
  res.once("finish", () => done(true));
  res.once("close", () => done(res.writableFinished));
}

module.exports = { countRequest, renderLabel };
