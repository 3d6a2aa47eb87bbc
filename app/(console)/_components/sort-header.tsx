import Link from "next/link";
import { nextSortDirection } from "./sort-hrefs";

export type SortDirection = "asc" | "desc";

/**
 * A sortable column header: a link to the same table sorted by this column (the other
 * direction when it is the current sort), `aria-sort` on the current one and an arrow that
 * says the same to sighted users. The link does not prefetch: a table has many headers.
 */
export function SortHeader<K extends string>({
  label,
  sortKey,
  sort,
  href,
  className,
  testId,
}: {
  label: string;
  sortKey: K;
  sort: { key: K; dir: SortDirection };
  href: (key: K, dir: SortDirection) => string;
  className?: string;
  testId?: string;
}) {
  const active = sort.key === sortKey;
  const nextDir = nextSortDirection(sort, sortKey);
  return (
    <th scope="col" className={className} aria-sort={active ? (sort.dir === "asc" ? "ascending" : "descending") : undefined}>
      <Link className="sort" href={href(sortKey, nextDir)} scroll={false} prefetch={false} {...(testId ? { "data-testid": testId } : {})}>
        {label}
        {active ? (sort.dir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}
