import Link from "next/link";
import type { ReactNode } from "react";

/**
 * One figure of a page's tile row (overview, accounts list, account page): label, value and
 * a line saying what it counts. A tile with `href` is one link to the filtered list its
 * number counts; `testId` names the value (and `<testId>-link` the link).
 */
export function Tile({
  label,
  value,
  sub,
  valueClass,
  testId,
  href,
}: {
  label: string;
  value: ReactNode;
  sub: ReactNode;
  valueClass?: string;
  testId?: string;
  href?: string;
}) {
  const body = (
    <>
      <div className="label">{label}</div>
      <div className={valueClass ? `value ${valueClass}` : "value"} data-testid={testId}>
        {value}
      </div>
      <div className="sub">{sub}</div>
    </>
  );
  return href ? (
    <Link href={href} className="tile" data-testid={testId ? `${testId}-link` : undefined}>
      {body}
    </Link>
  ) : (
    <div className="tile">{body}</div>
  );
}
