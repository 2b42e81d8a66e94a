// Before timing anything: does each scenario answer what it should? A bench that
// measured a gate for a member, or premium text for everyone, would prove nothing.
const GATE = 'data-testid="gate"';
const PREMIUM = 'data-testid="article-rest"';

async function get(baseUrl, path, headers = {}) {
  const res = await fetch(baseUrl + path, { headers, redirect: "manual" });
  return { status: res.status, headers: res.headers, body: await res.text() };
}

function expect(ok, message) {
  if (!ok) throw new Error(`check failed: ${message}`);
}

export async function checkResponses(baseUrl, scenarios, slug) {
  const byId = Object.fromEntries(scenarios.map((s) => [s.id, s]));

  const a = await get(baseUrl, byId.a.request.path);
  expect(a.status === 200 && a.body.includes(GATE) && !a.body.includes(PREMIUM), "(a) is the lede and the gate");

  await get(baseUrl, byId.b.request.path); // fills the cache
  const b = await get(baseUrl, byId.b.request.path);
  expect(b.status === 200 && b.body.includes(GATE) && !b.body.includes(PREMIUM), "(b) an anonymous reader gets the lede and the gate, no premium text");
  expect(b.headers.get("x-nextjs-cache") === "HIT", "(b) comes from the cached render");
  expect(Math.abs(a.body.length - b.body.length) < 0.1 * a.body.length, `(a) and (b) are the same page (${a.body.length} and ${b.body.length} bytes)`);

  const c = await get(baseUrl, byId.c.request.path, byId.c.request.headers);
  expect(c.status === 200 && c.body.includes(PREMIUM) && !c.body.includes(GATE), "(c) a member gets the premium part and no gate");
  expect(/private/.test(c.headers.get("cache-control") ?? "") && /no-store/.test(c.headers.get("cache-control") ?? ""), "(c) is private, no-store");

  await get(baseUrl, byId.g.request.path, byId.g.request.headers);
  const g = await get(baseUrl, byId.g.request.path, byId.g.request.headers);
  expect(g.status === 200 && g.body.includes('data-testid="meter-spent"') && !g.body.includes(PREMIUM), "(g) the meter's wall, no premium text");
  const h = await get(baseUrl, byId.h.request.path, byId.h.request.headers);
  expect(h.status === 200 && h.body.includes('data-testid="meter-notice"') && h.body.includes(PREMIUM), "(h) a metered read: the notice and the premium part");
  expect(!h.headers.get("set-cookie"), "(h) a re-read changes no cookie");
  expect(/no-store/.test(h.headers.get("cache-control") ?? ""), "(h) is private, no-store");

  const d = await get(baseUrl, byId.d.request.path);
  expect(d.status === 200 && d.body.includes('data-testid="article-card"'), "(d) the front page lists articles");

  const e = await fetch(`${baseUrl}/signin/request`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json", "x-forwarded-for": "198.19.255.254" },
    body: new URLSearchParams({ email: "bench-check@example.com", article: slug, intent: "join" }).toString(),
  });
  const joined = await e.json().catch(() => ({}));
  expect(e.status === 200 && joined.ok === true, `(e) a join is accepted (got ${e.status} ${JSON.stringify(joined)})`);

  const f = await fetch(`${baseUrl}${byId.f.join.path}`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({ email: "floor@example.com" }).toString(),
  });
  expect(f.status === 200 && (await f.json()).email === "floor@example.com", "(f) the trivial POST route answers");

  // Through Varnish: the second ask is its cached copy, and the article is still the lede and gate.
  for (const id of ["j", "k"]) {
    const s = byId[id];
    if (!s) continue;
    await get(s.server.baseUrl, s.request.path);
    const v = await get(s.server.baseUrl, s.request.path);
    expect(v.status === 200 && v.headers.get("x-cache") === "HIT", `(${id}) is served from Varnish's cache (X-Cache ${v.headers.get("x-cache")})`);
    if (id === "k") expect(v.body.includes(GATE) && !v.body.includes(PREMIUM), "(k) through Varnish: the lede and the gate, no premium text");
  }
}

/**
 * Once the wall experiment is started: (o) a new reader is drawn a variant and sent its
 * cookie, (n) a reader holding variant B gets its gate from the cached render and keeps it;
 * neither gets premium text. Waits (up to 10 s) until the server has taken the start.
 */
export async function checkExperiment(baseUrl, scenarios) {
  const byId = Object.fromEntries(scenarios.map((s) => [s.id, s]));
  const until = Date.now() + 10_000;
  let n;
  for (;;) {
    await get(baseUrl, byId.n.request.path, byId.n.request.headers); // fills the variant's render
    n = await get(baseUrl, byId.n.request.path, byId.n.request.headers);
    if (n.body.includes("Keep reading: join") || Date.now() > until) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(n.status === 200 && n.body.includes("Keep reading: join") && n.body.includes(GATE) && !n.body.includes(PREMIUM), "(n) variant B's gate, no premium text");
  expect(n.headers.get("x-nextjs-cache") === "HIT" && !n.headers.get("set-cookie"), "(n) its cached render, and the reader keeps their variant");
  for (let i = 0; i < 8; i++) await get(baseUrl, byId.o.request.path, byId.o.request.headers); // fills each variant's render
  const o = await get(baseUrl, byId.o.request.path, byId.o.request.headers);
  expect(o.status === 200 && o.body.includes(GATE) && !o.body.includes(PREMIUM), "(o) a new reader gets a variant's gate, no premium text");
  expect(/^lede-wall=\d+\.[01];/.test(o.headers.get("set-cookie") ?? ""), "(o) a new reader is assigned a variant and sent its cookie");
  expect(o.headers.get("x-nextjs-cache") === "HIT", "(o) comes from a cached render");
}
