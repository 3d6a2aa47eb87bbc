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
          <Link href="/settings/tokens">API tokens</Link>
        </nav>
        <div className="user">
          <span>
            {user.email} ({user.role})
          </span>
          <SignOutButton />
        </div>
      </header>
      <main>{children}</main>
    </>
  );
}
