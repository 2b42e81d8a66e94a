// Which URLs an SNS message may make Lede fetch: its signing certificate and, for a
// subscription confirmation, its SubscribeURL. Only https on an SNS host of AWS's, no
// credentials, no other port: the URL is parsed once and that parse is what is fetched,
// so a spelling that reads one way and connects another (userinfo, a backslash, a host
// that merely starts with an SNS name) cannot get through.

const SNS_HOST = /^sns\.[a-z]{2}(-[a-z]+)+-\d\.amazonaws\.com(\.cn)?$/;

export function snsUrl(raw: unknown, kind: "cert" | "subscribe"): URL | null {
  if (typeof raw !== "string" || raw.length > 2000 || /[\s\\]/.test(raw)) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (url.protocol !== "https:" || url.username || url.password || url.port !== "" || url.hash) return null;
  if (!SNS_HOST.test(url.hostname)) return null;
  if (kind === "cert") {
    if (url.search || !/^\/SimpleNotificationService-[A-Za-z0-9]{1,64}\.pem$/.test(url.pathname)) return null;
  } else if (url.pathname !== "/" || url.searchParams.get("Action") !== "ConfirmSubscription") {
    return null;
  }
  return url;
}
