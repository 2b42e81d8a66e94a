// Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain): a platform
// authenticator with resident keys and user verification, as a phone or laptop has.
import type { CDPSession, Page } from "@playwright/test";

export type VirtualAuthenticator = { cdp: CDPSession; id: string };

export async function addVirtualAuthenticator(page: Page): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable", { enableUI: false });
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, id: authenticatorId };
}

export type StoredCredential = { credentialId: string; rpId?: string; privateKey: string; userHandle?: string; signCount: number; isResidentCredential: boolean };

export async function credentialsOf(a: VirtualAuthenticator): Promise<StoredCredential[]> {
  const { credentials } = await a.cdp.send("WebAuthn.getCredentials", { authenticatorId: a.id });
  return credentials as StoredCredential[];
}
