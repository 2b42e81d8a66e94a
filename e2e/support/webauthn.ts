// Chromium's virtual authenticator (the DevTools protocol's WebAuthn domain): a platform
// authenticator with resident keys and user verification, as a phone or laptop has.
import type { CDPSession, Page } from "@playwright/test";

export type VirtualAuthenticator = { cdp: CDPSession; id: string };

/**
 * `autofill: false` (the default) makes the page a browser without conditional mediation:
 * the virtual authenticator would otherwise answer the email field's pending autofill
 * request by itself as soon as a gate is on screen, racing the button a test presses.
 */
export async function addVirtualAuthenticator(page: Page, { autofill = false } = {}): Promise<VirtualAuthenticator> {
  if (!autofill) {
    await page.addInitScript(() => {
      if (globalThis.PublicKeyCredential) PublicKeyCredential.isConditionalMediationAvailable = async () => false;
    });
  }
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
