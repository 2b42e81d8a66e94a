"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deskAction } from "@/lib/desk/action";
import { digestFormFields, digestSchema, newsletterDetailsSchema, welcomeSchema, type DigestField, type NewsletterField, type WelcomeField } from "@/lib/newsletter/newsletter-input";
import { createNewsletter, findNewsletter, saveDigestSettings, saveWelcome as storeWelcome, setArchived, updateNewsletterDetails } from "@/lib/newsletter/newsletters";

const newsletterId = z.preprocess((v) => (typeof v === "string" && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : v), z.number().int().positive());

const detailsSchema = z.intersection(newsletterDetailsSchema, z.object({ id: newsletterId.optional() }));

/** Creates a newsletter, or saves one's details. */
export const saveNewsletter = deskAction<typeof detailsSchema, NewsletterField>(
  {
    schema: detailsSchema,
    read: (form) => ({
      id: form.get("id") || undefined,
      name: form.get("name") ?? "",
      description: form.get("description") ?? "",
      senderName: form.get("senderName") ?? "",
      offeredByDefault: form.get("offeredByDefault") ?? "",
    }),
  },
  async ({ id, ...fields }) => {
    if (id === undefined) {
      const made = await createNewsletter(fields);
      redirect(`/desk/newsletters/lists/${made}?saved=1`);
    }
    const current = await findNewsletter(id);
    if (!current) return { status: "error", message: "That newsletter does not exist." };
    if (current.archivedAt && fields.offeredByDefault) {
      return { status: "error", message: "An archived newsletter cannot be offered to new readers.", fieldErrors: { offeredByDefault: "Bring it back first." } };
    }
    await updateNewsletterDetails(id, fields);
    redirect(`/desk/newsletters/lists/${id}?saved=1`);
  },
);

const archiveSchema = z.object({ id: newsletterId, archive: z.enum(["yes", "no"]) });

/** Archives a newsletter (it sends nothing and takes nobody new), or brings it back. */
export const archiveNewsletter = deskAction({ schema: archiveSchema }, async ({ id, archive }) => {
  if (!(await setArchived(id, archive === "yes"))) return { status: "error", message: "That newsletter does not exist." };
  redirect(`/desk/newsletters/lists/${id}?${archive === "yes" ? "archived" : "restored"}=1`);
});

const welcomeForm = z.intersection(welcomeSchema, z.object({ id: newsletterId }));

/** Saves the welcome mail sent once to each new subscriber after they confirm. */
export const saveWelcome = deskAction<typeof welcomeForm, WelcomeField>(
  {
    schema: welcomeForm,
    read: (form) => ({
      id: form.get("id"),
      welcomeOn: form.get("welcomeOn") ?? "",
      welcomeSubject: form.get("welcomeSubject") ?? "",
      welcomeBody: form.get("welcomeBody") ?? "",
    }),
  },
  async ({ id, ...welcome }) => {
    if (!(await storeWelcome(id, welcome))) return { status: "error", message: "That newsletter does not exist." };
    redirect(`/desk/newsletters/lists/${id}?welcome=1#welcome`);
  },
);

const digestForm = z.intersection(digestSchema, z.object({ id: newsletterId }));

/** Saves the digest's schedule and whether it waits for approval. */
export const saveDigest = deskAction<typeof digestForm, DigestField>(
  { schema: digestForm, read: (form) => ({ id: form.get("id"), ...digestFormFields(form) }) },
  async ({ id, ...digest }) => {
    if (!(await saveDigestSettings(id, digest))) return { status: "error", message: "That newsletter does not exist." };
    redirect(`/desk/newsletters/lists/${id}?digest=1#digest`);
  },
);
