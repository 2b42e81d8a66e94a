// oidc-provider 8 ships no types; the suite's provider (oidc-server.mjs) uses a small part of it.
declare module "oidc-provider" {
  const Provider: new (issuer: string, configuration: Record<string, unknown>) => { listen(port: number, host: string, done: () => void): void };
  export default Provider;
}
