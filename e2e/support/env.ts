// Ports and addresses shared by the e2e set-up and the specs.
// Each port can be moved with an E2E_* variable, so two copies of the suite can run at once.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const E2E = {
  mainPort: port("E2E_MAIN_PORT", 3100),
  embeddedPort: port("E2E_EMBEDDED_PORT", 3101),
  smtpPort: port("E2E_SMTP_PORT", 2525),
  sinkApiPort: port("E2E_SINK_API_PORT", 2580),
  // With DATABASE_URL only: a second instance of the main app on the same database, whose
  // connection to it goes through a proxy that specs can cut (support/db-proxy.ts).
  outagePort: port("E2E_OUTAGE_PORT", 3102), // outage.spec.ts's own server
  insightPort: port("E2E_INSIGHT_PORT", 3104), // insight.spec.ts's own server
  secondPort: port("E2E_SECOND_PORT", 3103),
  dbProxyPort: port("E2E_DB_PROXY_PORT", 2591),
  dbProxyApiPort: port("E2E_DB_PROXY_API_PORT", 2592),
  // The OpenID Connect provider the suite starts (support/oidc-server.mjs); its client "other" at +1.
  oidcPort: port("E2E_OIDC_PORT", 4200),
  siteName: "The Daily Lede",
  authSecret: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  editorEmail: "editor@example.com",
  // A second editor for e2e/provider.spec.ts, whose "sign out everywhere" must not end the
  // shared editor's session (e2e/support/roles.ts) that later specs use.
  providerEditorEmail: "provider-editor@example.com",
} as const;

export const MAIN_URL = `http://localhost:${E2E.mainPort}`;
export const EMBEDDED_URL = `http://localhost:${E2E.embeddedPort}`;
/** The second instance of the main app (same database and site); not started on PGlite. */
export const SECOND_URL = `http://localhost:${E2E.secondPort}`;
/** The main app's web processes global setup started (it sets E2E_DATABASE_URL first): one on PGlite. */
export const webOrigins = (): string[] => (process.env.E2E_DATABASE_URL ? [MAIN_URL, SECOND_URL] : [MAIN_URL]);
export const DB_PROXY_API_URL = `http://127.0.0.1:${E2E.dbProxyApiPort}`;
export const SINK_URL = `http://127.0.0.1:${E2E.sinkApiPort}`;
export const OIDC_ISSUER = `http://localhost:${E2E.oidcPort}`;
/** What the main app is told about the provider (OIDC_* variables), and the other client's. */
export const OIDC_CLIENTS = {
  lede: { id: "lede", secret: "lede-client-secret-for-tests-only" },
  other: { id: "other", secret: "other-client-secret-for-tests-only", redirectUri: `http://localhost:${E2E.oidcPort + 1}/callback` },
} as const;
export const OIDC_LABEL = "Example ID";
