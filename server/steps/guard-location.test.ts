import { describe, expect, it } from "vitest";
import { echo, serveSteps } from "../testing";
import { guardLocation } from "./guard-location";

const SITE = "http://news.example";

async function locationOf(answer: Parameters<typeof echo>[0]): Promise<string | null> {
  const app = await serveSteps([guardLocation({ siteOrigin: SITE }), echo(answer)]);
  try {
    return (await fetch(app.url, { redirect: "manual" })).headers.get("location");
  } finally {
    await app.close();
  }
}

describe("guard the location", () => {
  it("keeps a Location on this site, however it was set", async () => {
    const off = ["https://evil.example/x", "//evil.example", "/\\evil.example", "/%2F%2Fevil.example"];
    for (const target of off) {
      for (const how of ["setHeader", "object", "array"] as const) {
        const location = await locationOf((_req, res) => {
          if (how === "setHeader") {
            res.setHeader("Location", target);
            res.writeHead(302);
          } else if (how === "object") res.writeHead(302, { LOCATION: target });
          else res.writeHead(302, ["Location", target]);
          res.end();
        });
        expect(location, `${how} ${target}`).not.toMatch(/evil\.example/);
      }
    }
  });

  it("lets same-site locations through", async () => {
    const location = await locationOf((_req, res) => {
      res.writeHead(307, { location: "/articles/a?x=1" });
      res.end();
    });
    expect(location).toBe("/articles/a?x=1");
    expect(await locationOf((_req, res) => void res.writeHead(302, { location: `${SITE}/desk` }).end())).toBe(`${SITE}/desk`);
  });
});

describe("guard the Refresh header", () => {
  async function refreshOf(value: string): Promise<string | null> {
    const app = await serveSteps([guardLocation({ siteOrigin: SITE }), echo((_req, res) => void res.writeHead(200, { Refresh: value }).end())]);
    try {
      return (await fetch(app.url)).headers.get("refresh");
    } finally {
      await app.close();
    }
  }

  it("never points a Refresh off the site, however it is written", async () => {
    for (const value of ["0; url=https://evil.example/", "0;URL='//evil.example'", "5, url=https://evil.example", "0; url=/\\evil.example", "1;https://evil.example", "nonsense https://evil.example"]) {
      expect(await refreshOf(value), value).not.toMatch(/evil\.example/);
    }
  });

  it("keeps a Refresh on this site as it was meant", async () => {
    expect(await refreshOf("3; url=/articles/a")).toBe("3; url=/articles/a");
    expect(await refreshOf("10")).toBe("10");
  });
});
