import type { NextRequest } from "next/server";
import { answer, deskGate } from "@/lib/desk/desk-post";
import { storeImport } from "@/lib/desk/member-import";

const MAX_BYTES = 20 * 1024 * 1024;

/** Takes a CSV (file or pasted) and shows its dry run; no member is written here. */
export async function POST(req: NextRequest) {
  const gate = await deskGate(req);
  if ("refusal" in gate) return gate.refusal;
  const fail = (status: number, message: string) =>
    answer(req, { ok: false, status, error: "bad_file", message, backTo: "/desk/members" });
  if (Number(req.headers.get("content-length") ?? "0") > MAX_BYTES) return fail(413, "The file is larger than 20 MB. Split it and import the parts.");
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    return fail(400, "The upload could not be read. Please try again.");
  }
  const file = form.get("file");
  const pasted = form.get("csv");
  const fromFile = file instanceof File && file.size > 0;
  const csv = fromFile ? await file.text() : typeof pasted === "string" ? pasted : "";
  if (csv.trim() === "") return fail(400, "Choose a CSV file or paste its contents.");
  if (csv.includes("\u0000")) return fail(400, "That is not a text file. Export your members as CSV and try again.");
  const id = await storeImport(gate.editor, fromFile ? file.name : "pasted.csv", csv);
  return answer(req, { ok: true, redirectTo: `/desk/members/import/${id}`, message: "Checked." });
}
