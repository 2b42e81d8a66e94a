import Link from "next/link";
import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/auth";
import { env } from "@/lib/config/env";

/** What a signed-in reader sees at /desk (with status 403). */
export default async function DeskForbidden() {
  const viewer = await currentViewer();
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo="/" />
      <main id="main" className="narrow">
        <div className="notice" data-testid="desk-forbidden">
          <h1>Editors only</h1>
          <p>The desk is where {env.siteName}&apos;s editors write and publish. Your account is a reader&apos;s account.</p>
          <p>
            <Link href="/">Go to the front page</Link>
          </p>
        </div>
      </main>
    </>
  );
}
