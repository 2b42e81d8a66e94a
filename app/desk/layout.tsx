import type { Metadata } from "next";
import "./desk.css";

export const metadata: Metadata = { title: { default: "Desk", template: "%s · Desk" }, robots: { index: false, follow: false } };

// Every desk page reads the session and personal data: rendered per request, never cached.
export const dynamic = "force-dynamic";

/** No role check here: a layout's check would not stop its pages rendering; each page checks. */
export default function DeskLayout({ children }: { children: React.ReactNode }) {
  return children;
}
