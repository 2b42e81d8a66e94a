// A real OpenID Connect provider for the browser suite (the certified `oidc-provider`
// package), started by global set-up as its own process: Lede's "Continue with …" runs the
// whole redirect against it, never against a mock.
//
// Accounts: any login typed on its (development) sign-in page is an account whose email is
// that login; a login starting "unverified." has email_verified false. Two clients: Lede's
// ("lede"), and another site's ("other"), whose codes Lede must never accept.
import Provider from "oidc-provider";

const port = Number(process.env.E2E_OIDC_PORT ?? 4200);
const issuer = `http://localhost:${port}`;
const ledeRedirects = (process.env.E2E_OIDC_REDIRECT_URIS ?? "").split(",").filter(Boolean);

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: "lede",
      client_secret: "lede-client-secret-for-tests-only",
      redirect_uris: ledeRedirects,
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
    {
      client_id: "other",
      client_secret: "other-client-secret-for-tests-only",
      redirect_uris: [`http://localhost:${port + 1}/callback`],
      response_types: ["code"],
      grant_types: ["authorization_code"],
    },
  ],
  claims: { openid: ["sub"], email: ["email", "email_verified"] },
  scopes: ["openid", "email", "profile"],
  pkce: { required: () => true },
  cookies: { keys: ["oidc-e2e-cookie-key-0123456789"] },
  features: { devInteractions: { enabled: true } },
  /** @param {unknown} _ctx @param {string} id */
  async findAccount(_ctx, id) {
    const unverified = id.startsWith("unverified.");
    const email = unverified ? id.slice("unverified.".length) : id;
    return { accountId: id, claims: async () => ({ sub: id, email, email_verified: !unverified }) };
  },
  // First-party test clients: consent is granted without a second screen.
  /** @param {any} ctx the provider's request context (koa) */
  async loadExistingGrant(ctx) {
    const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
    if (grantId) return ctx.oidc.provider.Grant.find(grantId);
    const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
    grant.addOIDCScope("openid email profile");
    await grant.save();
    return grant;
  },
});

provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
process.on("SIGTERM", () => process.exit(0));
