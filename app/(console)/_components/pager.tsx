import Link from "next/link";
import { pagerPages, type PageSlice } from "./paging";

/**
 * "Showing 1-50 of 500" and links to the other pages. Links, not buttons: the page is in the
 * URL, so it can be bookmarked and read back; the current page carries aria-current.
 * `prefetch={false}`: a pager is a handful of links, but each one is a full server render.
 */
export function Pager({
  slice,
  href,
  label,
  testId,
  unit = "accounts",
}: {
  slice: Pick<PageSlice<unknown>, "page" | "pages" | "from" | "to" | "total">;
  href: (page: number) => string;
  label: string;
  testId: string;
  unit?: string;
}) {
  return (
    <div className="toolbar small" data-testid={testId}>
      <div data-testid={`${testId}-range`}>
        Showing {slice.from}-{slice.to} of {slice.total} {unit}
      </div>
      {slice.pages > 1 ? (
        <nav aria-label={label}>
          {slice.page > 1 ? (
            <Link href={href(slice.page - 1)} prefetch={false} rel="prev" style={{ marginRight: 8 }}>
              Previous
            </Link>
          ) : null}
          {pagerPages(slice.page, slice.pages).map((n, i) =>
            n === null ? (
              <span key={`gap-${i}`} className="muted" style={{ marginRight: 8 }}>
                …
              </span>
            ) : (
              <Link
                key={n}
                href={href(n)}
                prefetch={false}
                aria-current={n === slice.page ? "page" : undefined}
                aria-label={`Page ${n}`}
                style={{ marginRight: 8, fontWeight: n === slice.page ? 700 : undefined }}
              >
                {n}
              </Link>
            ),
          )}
          {slice.page < slice.pages ? (
            <Link href={href(slice.page + 1)} prefetch={false} rel="next">
              Next
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
