// A web process's counting, alone: counts VIEWS page views of SLUG (anonymous readers
// meeting the gate, from search; or, with HOSTS=<prefix>, each from a made-up site of its
// own), then stops as server.js does, saving its counts.
import { closeDb } from "@/lib/db/client";
import { countView, flushTraffic } from "@/lib/insight/counts";

const n = Number(process.env.VIEWS);
const slug = process.env.SLUG!;
const browser = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36";
async function main() {
  const hosts = process.env.HOSTS;
  const views = Array.from({ length: n }, (_, i) =>
    countView({ slug, render: "anonymous", url: `/articles/${slug}`, referer: hosts ? `https://${hosts}-${i}.example/` : "https://www.google.com/", userAgent: browser }),
  );
  await Promise.all(views);
  await flushTraffic();
  await closeDb();
}

void main();
