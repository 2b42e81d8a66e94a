import { notFound } from "next/navigation";
import { FrontPageScreen } from "@/components/site/front-page-screen";
import { ANONYMOUS } from "@/lib/access/viewer";

// The front page as anyone without a session sees it: rendered on first request,
// cached, and revalidated when articles change (server.js or proxy.ts serves it for "/").
export const revalidate = 10;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export default async function AnonymousFrontPage({ params }: { params: Promise<{ page: string }> }) {
  if ((await params).page !== "front") notFound();
  return <FrontPageScreen viewer={ANONYMOUS} from="database" />;
}
