"use client";
// What every desk form does with its action's answer (lib/desk/action.ts), in the browser.
import { useEffect, type RefObject } from "react";
import type { DeskState, FormValues } from "@/lib/desk/action";

/** When an answer refuses fields, the first of them in the form's order takes the focus. */
export function useFocusFirstError(form: RefObject<HTMLFormElement | null>, state: DeskState) {
  useEffect(() => {
    if (state.status !== "error") return;
    const fields = Array.from(form.current?.elements ?? []) as HTMLInputElement[];
    fields.find((el) => el.name in state.fieldErrors)?.focus();
  }, [form, state]);
}

/** A text field as posted, when the answer refused the form. */
export function postedText(state: DeskState, name: string): string | undefined {
  if (state.status !== "error") return undefined;
  const value: FormValues[string] | undefined = state.values[name];
  return typeof value === "string" ? value : undefined;
}
