import "server-only";
import { isbot } from "isbot";
import { articleFacts, knownArticleFacts, type ArticleFacts } from "@/lib/articles/facts";
import { secureCookies } from "@/lib/auth/session-cookie";
import { boundedMemo } from "@/lib/bounded-memo";
import { assignVariant, type WallChoice } from "./assign";
import { knownRunningExperiment, runningExperiment, type RunningExperiment } from "./running";

/**
 * The variant of the wall a reader without an account gets on an article, for the front server
 * (README: "Wall experiments"): none for a bot, a free article or while no experiment
 * runs; else the one in the reader's cookie, or a new one with its Set-Cookie. With it,
 * the free reads the variant gives (null: the meter's own).
 */
export type WallAnswer = (WallChoice & { allowance: number | null }) | null;

export type WallRequest = { slug: string; cookieHeader: string | undefined; userAgent: string | undefined };

/** Browsers say who they are in a few thousand spellings, the same on every request. */
const isBotAgent = boundedMemo(isbot, { max: 1_000, maxLength: 512 });

function choose(experiment: RunningExperiment | null, article: ArticleFacts, req: WallRequest): WallAnswer {
  if (!experiment || !article?.premium) return null;
  const bot = !req.userAgent || isBotAgent(req.userAgent);
  const choice = assignVariant({ experiment, cookieHeader: req.cookieHeader, bot, secure: secureCookies() });
  return choice && { ...choice, allowance: experiment.variants[choice.variant]?.allowance ?? null };
}

/** At once when this process knows the experiment and the article (after their first request), else a promise. */
export function wallChoiceNow(req: WallRequest): WallAnswer | Promise<WallAnswer> {
  const experiment = knownRunningExperiment();
  if (experiment && experiment.value === null) return null;
  const article = experiment && knownArticleFacts(req.slug);
  if (experiment && article) return choose(experiment.value, article.value, req);
  return Promise.all([runningExperiment(), articleFacts(req.slug)]).then(([e, a]) => choose(e, a, req));
}
