import { FrontPageScreen } from "@/components/site/front-page-screen";
import { currentViewer } from "@/lib/auth";

// Rendered per request for the viewer (editors, under `npm start`); readers without a
// session get app/anon/[page], members app/member~variant/[page] (see server.js).
export const dynamic = "force-dynamic";

export default async function FrontPageForViewer() {
  return <FrontPageScreen viewer={await currentViewer()} />;
}
