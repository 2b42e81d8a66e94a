import Link from "next/link";

export default function NotFound() {
  return (
    <main id="main" className="narrow">
      <div className="notice">
        <h1>Page not found</h1>
        <p>There is no article or page at this address. It may have moved or been unpublished.</p>
        <p>
          <Link href="/">Go to the front page</Link>
        </p>
      </div>
    </main>
  );
}
