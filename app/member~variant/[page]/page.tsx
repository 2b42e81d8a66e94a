import { notFound } from "next/navigation";
import { FrontPageScreen } from "@/components/site/front-page-screen";
import { ANY_MEMBER } from "@/lib/access/viewer";
import { expireWithAnonymousPage } from "@/lib/articles/cached-reads";
import { routedBySiteServer } from "@/lib/http/page-variants";

// The front page as every member sees it: cached, naming no one (see
// app/member~variant/articles/[slug]/page.tsx for who may be routed here).
export const revalidate = 10;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export default async function MemberFrontPage({ params }: { params: Promise<{ page: string }> }) {
  if (!routedBySiteServer() || (await params).page !== "front") notFound();
  await expireWithAnonymousPage("front");
  return <FrontPageScreen viewer={ANY_MEMBER} from="database" />;
}
