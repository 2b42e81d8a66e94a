import { FrontPageScreen } from "@/components/site/front-page-screen";
import { currentViewer } from "@/lib/auth";

// Rendered per request for the viewer: editors (and, without the front server, every signed-in
// reader). Everyone else gets a cached render (lib/render/choose.ts).
export const dynamic = "force-dynamic";

export default async function FrontPageForViewer() {
  return <FrontPageScreen viewer={await currentViewer()} />;
}
