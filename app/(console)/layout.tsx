import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth";
import { SignOutButton } from "./_components/sign-out-button";

export const dynamic = "force-dynamic";

/** Session gate for every console page. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <header className="topbar">
        <Link href="/" className="brand">
          PARAPET
        </Link>
        <nav>
          <Link href="/">Overview</Link>
          <Link href="/accounts">Accounts</Link>
          <Link href="/findings">Findings</Link>
          <Link href="/checklist">Checklist</Link>
          <Link href="/collection">Collection</Link>
          <Link href="/reports">Reports</Link>
          {user.role === "admin" ? <Link href="/users">Users</Link> : null}
          {user.role === "admin" ? <Link href="/settings/sso">Single sign-on</Link> : null}
          {user.role === "admin" ? <Link href="/audit">Audit log</Link> : null}
          <Link href="/settings/tokens">API tokens</Link>
        </nav>
        <div className="user">
          <Link href="/settings/account">
            {user.email} ({user.role})
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main>{children}</main>
    </>
  );
}
