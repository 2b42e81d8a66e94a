import { frontContract } from "@/server/contract";

/** Started by the front server (server/), the only one that makes x-lede-* headers trustworthy and guards the renders. */
export function routedBySiteServer(): boolean {
  return frontContract().server !== undefined;
}
