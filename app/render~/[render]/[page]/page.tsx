import { notFound } from "next/navigation";
import { FrontPageScreen } from "@/components/site/front-page-screen";
import { renderFor } from "@/lib/render/viewer";

// The front page as anyone without a session, or every member, sees it: cached until
// a change drops it (lib/render). A parameter, so that it renders on the first request
// rather than at build time.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ render: string; page: string }> };

export default async function CachedFrontPage({ params }: Props) {
  const { render, page } = await params;
  if (page !== "front" || (render !== "anonymous" && render !== "member")) notFound();
  const { reader } = await renderFor(render);
  return <FrontPageScreen viewer={reader.kind === "member" ? reader : { kind: "anonymous" }} />;
}
