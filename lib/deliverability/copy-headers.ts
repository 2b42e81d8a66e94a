import "server-only";
import { env } from "@/lib/config/env";
import { deliveryToken, verpAddress } from "./delivery-token";

/**
 * What each newsletter copy carries of its own so an event can name its delivery:
 * X-Lede-Delivery always; Postmark's, SendGrid's and Mailgun's metadata headers when that
 * provider's webhook is configured (each echoes its header in its events); and, with
 * LEDE_BOUNCE_DOMAIN, the VERP Return-Path that bounce mails come back to.
 */
export function copyHeaders(deliveryId: string): { headers: string; returnPath?: string } {
  const token = deliveryToken(deliveryId);
  const c = env.emailEvents;
  let headers = `X-Lede-Delivery: ${token}\r\n`;
  if (c.postmark) headers += `X-PM-Metadata-lede-delivery: ${token}\r\n`;
  if (c.sendgridPublicKey) headers += `X-SMTPAPI: {"unique_args":{"lede_delivery":"${token}"}}\r\n`;
  if (c.mailgunSigningKey) headers += `X-Mailgun-Variables: {"lede_delivery":"${token}"}\r\n`;
  return { headers, returnPath: verpAddress(deliveryId) ?? undefined };
}
