import type { Metadata } from "next";
import Link from "next/link";
import { DeskShell } from "@/components/desk/desk-shell";
import { NewsletterForm } from "@/components/newsletter/newsletter-form";
import { requireEditor } from "@/lib/desk/guard";
import { env } from "@/lib/config/env";
import { saveNewsletter } from "../actions";

export const metadata: Metadata = { title: "New newsletter" };

export default async function NewNewsletterPage() {
  const editor = await requireEditor("/desk/newsletters/lists/new");
  return (
    <DeskShell editor={editor} current="newsletters">
      <p>
        <Link href="/desk/newsletters">Newsletters</Link> › New newsletter
      </p>
      <h1>New newsletter</h1>
      <NewsletterForm action={saveNewsletter} siteName={env.siteName} />
    </DeskShell>
  );
}
