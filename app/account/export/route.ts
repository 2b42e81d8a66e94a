import { NextResponse } from "next/server";
import { currentViewer } from "@/lib/auth";
import { exportAccount } from "@/lib/account/export";
import { seeOther } from "@/lib/http/forms";

/** "Export my data": a JSON download of everything kept about the signed-in account. */
export async function GET() {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  const data = await exportAccount(viewer.userId);
  if (!data) return seeOther("/signin?callbackUrl=%2Faccount");
  const day = data.exportedAt.toISOString().slice(0, 10);
  return new NextResponse(JSON.stringify(data, null, 2) + "\n", {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="my-data-${day}.json"`,
      "Cache-Control": "private, no-store",
    },
  });
}
