// Ports and addresses shared by the e2e set-up and the specs.
// Each port can be moved with an E2E_* variable, so two copies of the suite can run at once.
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

export const E2E = {
  mainPort: port("E2E_MAIN_PORT", 3100),
  embeddedPort: port("E2E_EMBEDDED_PORT", 3101),
  smtpPort: port("E2E_SMTP_PORT", 2525),
  sinkApiPort: port("E2E_SINK_API_PORT", 2580),
  siteName: "The Daily Lede",
  authSecret: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  editorEmail: "editor@example.com",
} as const;

export const MAIN_URL = `http://localhost:${E2E.mainPort}`;
export const EMBEDDED_URL = `http://localhost:${E2E.embeddedPort}`;
export const SINK_URL = `http://127.0.0.1:${E2E.sinkApiPort}`;
