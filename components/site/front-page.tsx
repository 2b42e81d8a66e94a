import type { ArticleCard as Card } from "@/lib/articles/queries";
import { ArticleCard } from "@/components/article/article-card";

export function FrontPage({ articles }: { articles: Card[] }) {
  if (articles.length === 0) {
    return <p>No articles yet. Editors can write the first one at /desk.</p>;
  }
  const [lead, ...rest] = articles;
  return (
    <>
      <h1 className="visually-hidden">Latest news</h1>
      <section className="front-lead" aria-label="Top story">
        <ArticleCard article={lead} lead headingLevel={2} />
        <div>
          {rest.slice(0, 2).map((a) => (
            <ArticleCard key={a.id} article={a} headingLevel={2} />
          ))}
        </div>
      </section>
      <ul className="front-grid" aria-label="More stories">
        {rest.slice(2).map((a) => (
          <li key={a.id}>
            <ArticleCard article={a} />
          </li>
        ))}
      </ul>
    </>
  );
}
