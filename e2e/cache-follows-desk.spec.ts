// The members' cached render follows the editors' changes at once, as the anonymous one
// does: an unpublished article is gone for members on their very next request.
import { test, expect, uniqueEmail } from "./fixtures";
import { writeArticle } from "./desk-page";

test("members' cached render of an article follows an edit and an unpublish at once", async ({ browser, editorPage: editor, signIn }) => {
  const run = Date.now();
  const slug = `members-follow-${run}`;
  const canary = `Members-only line ${run}.`;
  const id = await writeArticle(
    editor,
    { title: `Follow me ${run}`, slug, body: `Free lede.\n\n<!-- gate -->\n\n${canary}`, premium: true },
    "Publish",
  );

  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "10.252.0.1" } });
  const member = await context.newPage();
  await signIn(member, uniqueEmail("follower"), `/articles/${slug}`);
  await expect(member.getByTestId("article-rest")).toContainText(canary);
  const cached = await member.request.get(`/articles/${slug}`);
  expect(await cached.text()).toContain(canary);

  await editor.goto(`/desk/articles/${id}`);
  await editor.getByLabel("Title").fill(`Followed ${run}`);
  await editor.getByRole("button", { name: "Save changes" }).click();
  await expect(editor.getByTestId("desk-notice")).toContainText("Changes saved");
  await member.goto(`/articles/${slug}`);
  await expect(member.getByRole("heading", { level: 1 })).toHaveText(`Followed ${run}`);

  await editor.goto(`/desk/articles/${id}`);
  await editor.getByRole("button", { name: "Unpublish" }).click();
  await expect(editor.getByTestId("desk-notice")).toContainText("Unpublished");
  const gone = await member.request.get(`/articles/${slug}`);
  expect(gone.status()).toBe(404);
  expect(await gone.text()).not.toContain(canary);
  await context.close();
});
