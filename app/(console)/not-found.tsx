import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Not found" };

/** A 404 inside the console frame: the navigation stays, and the page says where to go instead. */
export default function ConsoleNotFound() {
  return (
    <section className="panel" data-testid="not-found">
      <h1>Page not found</h1>
      <p>There is no page at this address, or it belongs to an account you cannot see.</p>
      <ul>
        <li>
          <Link href="/">Overview</Link>: every account you can see, with its score.
        </li>
        <li>
          <Link href="/accounts">Accounts</Link>: find an account by name or id.
        </li>
        <li>
          <Link href="/findings">Findings</Link>: search findings by account, severity, control or text.
        </li>
      </ul>
    </section>
  );
}
