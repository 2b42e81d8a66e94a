// What an article's body may be, checked in one pass over its lines before any markdown
// parser sees it: the parser recurses per nesting level (about 2,500 nested quotes overflow
// the stack) and spends time per list item (a 100,000-character nested list held the
// server for seconds). Shared by the desk's save, imports and the editor's own note.

export const MAX_BODY_CHARS = 200_000;
/** Quotes and lists inside each other, counted from the markers and indentation of a line. */
export const MAX_NESTING = 32;
export const MAX_LIST_ITEMS = 2_000;

const LIST_MARKER = /^(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)/;

/** How deeply a body nests quotes and lists (an estimate that never counts less), and its list items. */
export function bodyShape(body: string): { nesting: number; listItems: number } {
  let nesting = 0;
  let listItems = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf("\n", start);
    if (end < 0) end = body.length;
    let depth = 0;
    let indent = 0;
    let i = start;
    for (;;) {
      const c = body.charCodeAt(i);
      if (c === 32) indent += 1;
      else if (c === 9) indent += 4;
      else if (c === 62 /* > */) depth++;
      else {
        const marker = i < end ? LIST_MARKER.exec(body.slice(i, Math.min(end, i + 11))) : null;
        if (!marker) break;
        depth++;
        listItems++;
        i += marker[0].length;
        continue;
      }
      i++;
      if (i >= end) break;
    }
    // Two columns of indentation are one level of a nested list at most.
    nesting = Math.max(nesting, depth + Math.floor(indent / 2));
    start = end + 1;
  }
  return { nesting, listItems };
}

/** Why a body cannot be saved, in words for the editor, or null. */
export function bodyProblem(body: string): string | null {
  if (body.length > MAX_BODY_CHARS) {
    return `is ${body.length.toLocaleString("en")} characters long: at most ${MAX_BODY_CHARS.toLocaleString("en")}. Split it into two articles.`;
  }
  const { nesting, listItems } = bodyShape(body);
  if (nesting > MAX_NESTING) {
    return `nests quotes or lists about ${nesting} levels deep: at most ${MAX_NESTING}. Take out some of the “>” or list levels (a paste from email often brings them).`;
  }
  if (listItems > MAX_LIST_ITEMS) {
    return `has ${listItems.toLocaleString("en")} list items: at most ${MAX_LIST_ITEMS.toLocaleString("en")}. Split the list, or the article.`;
  }
  return null;
}
