import Link from "next/link";
import type { ReactNode } from "react";
import { requirePageUser } from "@/lib/auth";
import { ConsoleNav, type NavLink } from "./_components/console-nav";
import { SignOutButton } from "./_components/sign-out-button";

export const dynamic = "force-dynamic";

const NAV_LINKS: NavLink[] = [
  { href: "/", label: "Overview" },
  { href: "/accounts", label: "Accounts" },
  { href: "/findings", label: "Findings" },
  { href: "/checklist", label: "Checklist" },
  { href: "/risk-acceptances", label: "Risk acceptances" },
  { href: "/collection", label: "Collection" },
  { href: "/reports", label: "Reports" },
  { href: "/settings/tokens", label: "API tokens" },
];
/** Only admins manage users, single sign-on and read the audit log (the pages check the role again). */
const ADMIN_NAV_LINKS: NavLink[] = [
  { href: "/users", label: "Users" },
  { href: "/settings/sso", label: "Single sign-on" },
  { href: "/audit", label: "Audit log" },
];

/** Session gate for every console page. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <Link href="/" className="brand">
          PARAPET
        </Link>
        <ConsoleNav links={user.role === "admin" ? [...NAV_LINKS, ...ADMIN_NAV_LINKS] : NAV_LINKS} />
        <div className="user">
          <Link href="/settings/account">
            {user.email} ({user.role})
          </Link>
          <SignOutButton />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
