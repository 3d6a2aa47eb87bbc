import Link from "next/link";

/**
 * What a page shows when its URL's parameters are refused (a hand-edited link, a stale
 * cursor): which parameter and why, and a way back. Shown instead of the data: a page
 * that guessed around a bad filter would present the wrong rows as if they were asked for.
 * `resetLabel` names the way back in the caller's words ("Open the accounts list without
 * them"): a label built from the title read oddly for titles like an item's.
 */
export function InvalidQuery({
  title,
  message,
  resetHref,
  resetLabel = "Open the page without them",
}: {
  title: string;
  message: string;
  resetHref: string;
  resetLabel?: string;
}) {
  return (
    <div className="cp">
      <h1>{title}</h1>
      <section className="panel" role="alert" data-testid="invalid-query">
        <h2>This link has parameters the page cannot use</h2>
        <p className="error-text">{message}</p>
        <p>
          <Link href={resetHref} className="button">
            {resetLabel}
          </Link>
        </p>
      </section>
    </div>
  );
}
