import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleEditor } from "@/components/desk/article-editor";
import { StatusBadge } from "@/components/desk/article-table";
import { AuditList } from "@/components/desk/audit-list";
import { DeleteArticle } from "@/components/desk/delete-article";
import { DeskShell } from "@/components/desk/desk-shell";
import { MeterFiguresTable } from "@/components/meter/meter-figures";
import { StatusNotice } from "@/components/desk/status-notice";
import { deskArticle } from "@/lib/desk/articles-admin";
import { auditTrail } from "@/lib/desk/audit";
import { requireEditor } from "@/lib/desk/guard";
import { FunnelTable } from "@/components/insight/funnel-table";
import { articleJoins } from "@/lib/desk/insight";
import { funnels, PERIODS } from "@/lib/insight/report";
import { articleMeter } from "@/lib/desk/meter-insight";
import { noticeText } from "@/lib/desk/notices";
import { meterSettings } from "@/lib/meter/settings";
import { splitOffThread } from "@/lib/articles/render-pool";

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export async function generateMetadata({ params }: Props) {
  const { id } = await params;
  return { title: `Edit article ${id}` };
}

export default async function EditArticlePage({ params, searchParams }: Props) {
  const { id } = await params;
  const editor = await requireEditor(`/desk/articles/${id}`);
  const article = await deskArticle(Number(id));
  if (!article) notFound();
  const [joins, trail, meter, metered, periodFunnels, savedSplit] = await Promise.all([
    articleJoins(article.id),
    auditTrail(article.id),
    meterSettings(),
    articleMeter(article.id),
    funnels(PERIODS, article.id),
    // The free-part line under the body, worked out off the event loop (lib/articles/render-pool.ts).
    splitOffThread(article.body).catch(() => null),
  ]);
  const notice = noticeText((await searchParams).notice);
  return (
    <DeskShell editor={editor} current={null}>
      <div className="desk-head">
        <h1>
          {article.title} <StatusBadge status={article.status} />
        </h1>
      </div>
      <StatusNotice text={notice} />
      <div className="editor-layout">
        <ArticleEditor
          savedSplit={savedSplit}
          article={{
            id: article.id,
            title: article.title,
            slug: article.slug,
            dek: article.dek,
            author: article.author,
            image: article.image ?? "",
            imageCaption: article.imageCaption ?? "",
            body: article.body,
            premium: article.premium,
            metered: article.metered,
            status: article.status,
          }}
          meterOn={meter.enabled}
        />
        <aside className="editor-side" aria-label="About this article">
          <section>
            <h2>Preview</h2>
            <p>As saved, exactly as readers will see it:</p>
            <ul>
              <li>
                <Link href={`/desk/articles/${article.id}/preview?as=anonymous`}>As an anonymous reader</Link>
              </li>
              <li>
                <Link href={`/desk/articles/${article.id}/preview?as=member`}>As a member</Link>
              </li>
              {article.status === "published" && (
                <li>
                  <Link href={`/articles/${article.slug}`}>On the site</Link>
                </li>
              )}
            </ul>
          </section>
          <section>
            <h2>Readers who joined from it</h2>
            <dl className="figures" data-testid="article-joins">
              {([
                ["Last 7 days", "last7"],
                ["Last 30 days", "last30"],
                ["All time", "total"],
              ] as const).map(([label, key]) => (
                <div key={key}>
                  <dt>{label}</dt>
                  <dd>
                    {joins.joined[key]}
                    {joins.asked[key] > 0 && <span className="sub"> +{joins.asked[key]} asked, not confirmed</span>}
                  </dd>
                </div>
              ))}
            </dl>
          </section>
          <section>
            <h2>Its funnel</h2>
            <FunnelTable
              testId="article-funnel"
              caption="This article's views, gate views, joins, confirmed readers and newsletter subscribers"
              columns={PERIODS.map((p, i) => ({ key: String(p), label: `${p} days`, funnel: periodFunnels[i] }))}
            />
            <p className="hint">
              <a href={`/desk/insight`}>All articles and sources</a>
            </p>
          </section>
          {(article.premium || metered.total.freeReads > 0) && (
            <section>
              <h2>The meter</h2>
              <p className="hint">{article.metered ? "Metered" : "Members only"}{meter.enabled ? "" : "; the meter is off"}.</p>
              <MeterFiguresTable
                columns={[
                  { label: "30 days", figures: metered.last30 },
                  { label: "All time", figures: metered.total },
                ]}
                caption="What the meter did with this article"
              />
            </section>
          )}
          <section>
            <h2>History</h2>
            <AuditList entries={trail} />
          </section>
          <DeleteArticle articleId={article.id} />
        </aside>
      </div>
    </DeskShell>
  );
}
