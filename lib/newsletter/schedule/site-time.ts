// The site's time zone (SITE_TIME_ZONE), as the desk writes and shows schedules in it.
import { env } from "@/lib/config/env";
import { formatWall } from "./zoned";

export const siteTimeZone = () => env.siteTimeZone;

export function formatInSiteZone(at: Date): string {
  return formatWall(at, env.siteTimeZone);
}
