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
  { href: "/settings/tokens", label: "API tokens" },
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
        <ConsoleNav links={NAV_LINKS} />
        <div className="user">
          <span>
            {user.email} ({user.role})
          </span>
          <SignOutButton />
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
