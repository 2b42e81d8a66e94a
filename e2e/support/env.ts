// Ports and addresses shared by the e2e set-up and the specs.
export const E2E = {
  mainPort: 3100,
  embeddedPort: 3101,
  smtpPort: 2525,
  sinkApiPort: 2580,
  siteName: "The Daily Lede",
  authSecret: "e2e-secret-0123456789abcdefghijklmnopqrstuvwxyz",
  editorEmail: "editor@example.com",
} as const;

export const MAIN_URL = `http://localhost:${E2E.mainPort}`;
export const EMBEDDED_URL = `http://localhost:${E2E.embeddedPort}`;
export const SINK_URL = `http://127.0.0.1:${E2E.sinkApiPort}`;
