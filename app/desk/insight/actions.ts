"use server";

import { redirect } from "next/navigation";
import { deskAction } from "@/lib/desk/action";
import { EXPERIMENT_FIELD_LABELS, endExperimentSchema, startExperimentSchema } from "@/lib/desk/experiment-form";
import { fieldErrorSummary, withNotice } from "@/lib/desk/notices";
import { endExperiment, startExperiment } from "@/lib/experiments/commands";

/** Starts a wall experiment (every process's pages dropped first), or every field's error. */
export const startWallExperiment = deskAction(
  { schema: startExperimentSchema, invalid: (errors) => `Nothing was started. ${fieldErrorSummary(errors, EXPERIMENT_FIELD_LABELS)}` },
  async ({ name, variants }, editor) => {
    const started = await startExperiment(editor, name, variants);
    if (!started.ok) return { status: "error", message: started.message };
    redirect(withNotice("/desk/insight", "experiment-started") + "#experiment");
  },
);

/** Ends the running experiment keeping the chosen variant as the gate everyone gets. */
export const endWallExperiment = deskAction(
  { schema: endExperimentSchema, invalid: () => "Choose the variant that stays." },
  async ({ experiment, winner }, editor) => {
    const ended = await endExperiment(editor, experiment, winner);
    if (!ended.ok) return { status: "error", message: ended.message };
    redirect(withNotice("/desk/insight", "experiment-ended") + "#experiment");
  },
);
