import { setPremium } from "@/lib/desk/article-commands";
import { articleSwitch } from "@/lib/desk/article-switch";

/**
 * The one-click premium switch in the article list (and on the editor page). A published
 * article whose body cannot be split stays free, and the editor is told why.
 */
export const POST = articleSwitch({
  field: "premium",
  set: setPremium,
  notices: { on: "premium-on", off: "premium-off" },
  refused: "Premium was not switched on.",
});
