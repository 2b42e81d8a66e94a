// Step: no answer carries edge keys or a shared-cache lifetime (Next gives prerendered
// pages s-maxage) unless "choose the render" marked it shareable: the anonymous render of
// the front page or an article (lib/edge/response.ts, README: "An edge cache in front").
// First in line, so it looks at the headers last, after every other step set its own.
import * as edgeResponse from "@/lib/edge/response";
import type { Step } from "../pipeline";

export function keepOffTheEdge(): Step {
  return {
    name: "keep answers off the edge",
    run({ res }, next) {
      edgeResponse.keepOffTheEdge(res);
      return next();
    },
  };
}
