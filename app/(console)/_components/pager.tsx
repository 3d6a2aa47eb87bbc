import Link from "next/link";
import { pagerPages, type PageSlice } from "./paging";

/**
 * "Showing 1-50 of 500" and links to the other pages. Links, not buttons: the page is in the
 * URL, so it can be bookmarked and read back; the current page carries aria-current.
 * `prefetch={false}`: a pager is a handful of links, but each one is a full server render.
 * `sizes` adds "Rows per page" links (the page size is a URL parameter too, so a reader sees
 * which one is in force and can choose another; changing it starts again at page 1).
 */
export function Pager({
  slice,
  href,
  label,
  testId,
  unit = "accounts",
  sizes,
}: {
  slice: Pick<PageSlice<unknown>, "page" | "pages" | "from" | "to" | "total">;
  href: (page: number) => string;
  label: string;
  testId: string;
  unit?: string;
  sizes?: { options: readonly number[]; current: number; href: (size: number) => string };
}) {
  return (
    <div className="toolbar small" data-testid={testId}>
      <div data-testid={`${testId}-range`}>
        Showing {slice.from}-{slice.to} of {slice.total} {unit}
      </div>
      {sizes ? (
        <nav aria-label={`${label}: rows per page`} className="pager-sizes" data-testid={`${testId}-sizes`}>
          Rows per page:
          {sizes.options.map((size) =>
            size === sizes.current ? (
              <strong key={size} aria-current="true">
                {size}
              </strong>
            ) : (
              <Link key={size} href={sizes.href(size)} prefetch={false}>
                {size}
              </Link>
            ),
          )}
        </nav>
      ) : null}
      {slice.pages > 1 ? (
        <nav aria-label={label} className="pager-pages">
          {slice.page > 1 ? (
            <Link href={href(slice.page - 1)} prefetch={false} rel="prev">
              Previous
            </Link>
          ) : null}
          {pagerPages(slice.page, slice.pages).map((n, i) =>
            n === null ? (
              <span key={`gap-${i}`} className="muted">
                …
              </span>
            ) : (
              <Link key={n} href={href(n)} prefetch={false} aria-current={n === slice.page ? "page" : undefined} aria-label={`Page ${n}`}>
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
