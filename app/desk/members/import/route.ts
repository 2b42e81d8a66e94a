import type { NextRequest } from "next/server";
import { answer, deskGate } from "@/lib/desk/route-gate";
import { storeImport } from "@/lib/desk/member-import";
import { IMPORT_LIMIT, readFormData, sizeInWords } from "@/lib/http/forms";
import { openNewsletterIds } from "@/lib/newsletter/newsletters";

/** Takes a CSV (file or pasted) and shows its dry run; no member is written here. */
export async function POST(req: NextRequest) {
  const gate = await deskGate(req);
  if ("refusal" in gate) return gate.refusal;
  const fail = (status: number, message: string) =>
    answer(req, { ok: false, status, error: "bad_file", message, backTo: "/desk/members" });
  const read = await readFormData(req, IMPORT_LIMIT);
  if (!read.ok && read.status === 413) return fail(413, `The file is larger than ${sizeInWords(IMPORT_LIMIT)}. Split it and import the parts.`);
  if (!read.ok) return fail(400, "The upload could not be read. Please try again.");
  const form = read.form;
  const file = form.get("file");
  const pasted = form.get("csv");
  const fromFile = file instanceof File && file.size > 0;
  const csv = fromFile ? await file.text() : typeof pasted === "string" ? pasted : "";
  if (csv.trim() === "") return fail(400, "Choose a CSV file or paste its contents.");
  if (csv.includes("\u0000")) return fail(400, "That is not a text file. Export your members as CSV and try again.");
  // Consenting members join the chosen newsletter; it must exist and not be archived.
  const chosen = form.get("newsletter");
  const asked = typeof chosen === "string" && /^[1-9][0-9]{0,8}$/.test(chosen) ? Number(chosen) : null;
  const [newsletterId] = asked === null ? [] : await openNewsletterIds([asked]);
  if (asked !== null && newsletterId === undefined) return fail(400, "That newsletter does not exist or is archived. Choose another.");
  const id = await storeImport(gate.editor, fromFile ? file.name : "pasted.csv", csv, newsletterId ?? null);
  return answer(req, { ok: true, redirectTo: `/desk/members/import/${id}`, message: "Checked." });
}
