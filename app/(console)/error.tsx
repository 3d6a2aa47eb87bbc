"use client";

import Link from "next/link";
import { useEffect } from "react";

/**
 * A console page failed to render (most often: PostgreSQL unreachable or restarting). Says
 * what happened and what to do, and keeps the navigation (the layout stays mounted).
 */
export default function ConsoleError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <section className="panel" role="alert" data-testid="page-error">
      <h1>This page could not be loaded</h1>
      <p>
        The console could not read what this page shows. The usual cause is the database being unreachable or restarting; nothing you
        entered was lost.
      </p>
      <ul>
        <li>Try again in a few seconds with the button below.</li>
        <li>
          If it keeps failing, check that PostgreSQL is running (the <code>npm run demo</code> or <code>npm start</code> output names the
          database error) and that <code>DATABASE_URL</code> points at it.
        </li>
        <li>
          Other pages may still work: the <Link href="/collection">collection page</Link> shows whether the workers can reach AWS and the
          database.
        </li>
      </ul>
      {error.digest ? <p className="small muted">Error reference for the server log: {error.digest}</p> : null}
      <button type="button" className="button" onClick={reset}>
        Try again
      </button>
    </section>
  );
}
