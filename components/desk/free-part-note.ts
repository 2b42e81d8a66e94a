// The line under the article body saying where the free part ends, as readers will get it.
import { GATE_MARKER, SPLIT_MESSAGES, type LedeSplit } from "@/lib/articles/teaser";

const blocks = (k: number) => (k === 1 ? "block" : `${k} blocks`);

function freePart(split: LedeSplit): string {
  const ending = split.ledeEnd ? `, ending “${split.ledeEnd}”` : "";
  return split.by === "marker"
    ? `everything above the ${GATE_MARKER} line, ${split.ledeBlocks} of ${split.blocks} blocks${ending}`
    : `the first ${blocks(split.ledeBlocks)} of ${split.blocks}${ending}`;
}

/** "Free part: the first 2 blocks of 5, ending “…”. Add a <!-- gate --> line to choose." */
export function freePartNote(split: LedeSplit, premium: boolean, status: "published" | "draft"): string {
  const stray =
    split.strayMarkers > 0
      ? ` A ${GATE_MARKER} inside a list, a quote, a code block or a line of text, or after the first one, is no gate: only the first on a line of its own is.`
      : "";
  const choose = split.by === "default" ? ` Add a ${GATE_MARKER} line to choose.` : "";
  if (!premium) {
    const then = split.problem
      ? `It cannot be made premium yet: the body ${SPLIT_MESSAGES[split.problem]}`
      : `Made premium, its free part would be ${freePart(split)}.`;
    return `Free article: everyone reads all of it. ${then}${stray}`;
  }
  if (split.problem) {
    const refused = status === "published" ? "Changes cannot be saved while it is premium" : "Cannot be published as premium yet";
    return `${refused}: the body ${SPLIT_MESSAGES[split.problem]}${stray}`;
  }
  return `Free part: ${freePart(split)}.${choose}${stray}`;
}
