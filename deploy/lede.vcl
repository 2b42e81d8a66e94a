# Varnish in front of Lede's web processes: keeps only what Lede marks shareable (a
# Surrogate-Key, no cookie set), purged by key (xkey) when Lede says so.
# Rendered by `node deploy/render.js deploy/lede.vcl`; run with two listeners:
#   varnishd -a public=127.0.0.1:6081 -a purge=127.0.0.1:6082 -f lede.vcl ...
# LEDE_VARNISH_PURGE_URL=http://127.0.0.1:6082/ in every web process and worker.
vcl 4.1;

import directors;
import xkey;

probe ready {
  .url = "/api/health/ready";
  .interval = 2s;
  .timeout = 2s;
  .window = 3;
  .threshold = 1;
  .initial = 1;
}

${LEDE_VARNISH_BACKENDS}

# Who may purge: the web processes' and workers' machines, on the purge listener only.
acl purgers {
  "127.0.0.1";
  "::1";
}

sub vcl_init {
  new web = directors.round_robin();
  ${LEDE_VARNISH_DIRECTOR_ADDS}
}

sub vcl_recv {
  # The purge listener takes purges and nothing else; the public one never takes a purge
  # (nginx is a loopback client too, so the ACL alone would let any reader purge).
  if (local.socket == "purge") {
    if (req.method != "PURGE" || client.ip !~ purgers) {
      return (synth(403, "Forbidden"));
    }
    if (!req.http.xkey-purge) {
      return (synth(400, "No xkey-purge header"));
    }
    set req.http.x-purged = xkey.purge(req.http.xkey-purge);
    return (synth(200, "Purged " + req.http.x-purged));
  }
  if (req.method == "PURGE" || req.method == "BAN") {
    return (synth(405, "Not allowed"));
  }
  set req.backend_hint = web.backend();

  # The reader's address as nginx saw it (Varnish appended nginx's own).
  if (req.http.X-Real-IP) {
    set req.http.X-Forwarded-For = req.http.X-Real-IP;
  } else {
    set req.http.X-Forwarded-For = client.ip;
  }
  # One site: no header outside the cache key may change a page.
  set req.http.Host = "${LEDE_SITE_AUTHORITY}";
  unset req.http.X-Forwarded-Host;
  unset req.http.X-Forwarded-Port;
  unset req.http.Forwarded;
  unset req.http.X-Original-URL;
  unset req.http.X-Rewrite-URL;

  if (req.method != "GET" && req.method != "HEAD") {
    return (pass);
  }
  # Members, editors, anyone with credentials; Next's RSC payloads and prefetches.
  if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)((__Secure-)?authjs\.session-token|lede-who)=") {
    return (pass);
  }
  if (req.http.RSC || req.http.Next-Router-Prefetch || req.http.Next-Router-State-Tree || req.http.Next-Router-Segment-Prefetch) {
    return (pass);
  }
  # Looked up; only what Lede marked shareable was ever stored (vcl_backend_response).
  # The reader's cookies still go to Lede on a miss (the meter reads its own).
  return (hash);
}

sub vcl_backend_response {
  if (bereq.url ~ "^/_next/static/" && beresp.status == 200 && !beresp.http.Set-Cookie) {
    return (deliver);
  }
  # Anything Lede did not name by keys, or that sets a cookie or says private, is not kept:
  # a hit-for-miss marker only (the next request asks Lede again).
  if (!beresp.http.Surrogate-Key || beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(?i)private|no-store" || beresp.status != 200) {
    set beresp.ttl = 120s;
    set beresp.uncacheable = true;
    return (deliver);
  }
  set beresp.http.xkey = beresp.http.Surrogate-Key;
  # Lede's answer is the same for every reader without a session (it said so with the keys):
  # one object, not one per cookie header.
  set beresp.http.Vary = regsuball(beresp.http.Vary, "(?i)(^|,)\s*cookie\s*(?=,|$)", "");
  set beresp.http.Vary = regsub(beresp.http.Vary, "^\s*,\s*", "");
  if (beresp.http.Vary == "") {
    unset beresp.http.Vary;
  }
  set beresp.grace = 0s;
  return (deliver);
}

sub vcl_deliver {
  if (obj.hits > 0) {
    set resp.http.X-Cache = "HIT";
  } else {
    set resp.http.X-Cache = "MISS";
  }
  # The edge's lifetime is Varnish's alone: no cache past it (a company proxy) may keep the page.
  set resp.http.Cache-Control = regsub(resp.http.Cache-Control, ",\s*s-maxage=\d+", "");
  unset resp.http.xkey;
  unset resp.http.Surrogate-Key;
  unset resp.http.Surrogate-Control;
  unset resp.http.Cache-Tag;
  unset resp.http.Via;
  unset resp.http.X-Varnish;
}
