import { env } from "@/lib/config/env";

/** An identity provider a reader may sign in with: its id in routes and its button's label. */
export type ProviderChoice = { id: "google" | "oidc"; label: string };

/**
 * The providers this site has configured (GOOGLE_*, OIDC_*): the gate and /signin show
 * their buttons, and only their routes answer. None configured: nothing shows, every
 * provider route is 404.
 */
export function configuredProviders(): ProviderChoice[] {
  const list: ProviderChoice[] = [];
  if (env.google) list.push({ id: "google", label: "Google" });
  if (env.oidc) list.push({ id: "oidc", label: env.oidc.label });
  return list;
}

/** The configured provider called `id`, or null (unknown, or not configured). */
export function configuredProvider(id: unknown): ProviderChoice | null {
  return configuredProviders().find((p) => p.id === id) ?? null;
}
