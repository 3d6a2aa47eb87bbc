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

/**
 * Without JavaScript a page behind a loading boundary (a `loading.tsx` or `Suspense`) stays
 * in React's hidden holder (`<div hidden id="S:n">`, placed at the end of the body) and only
 * its skeleton shows: React's inline script is what swaps them. These rules do the swap for
 * a browser without JavaScript, so every page and its plain GET filter forms (findings,
 * accounts, an account's events) work there too: each fallback (the element after its
 * `<template id="B:n">`) is hidden and each holder shown, in the main column's width.
 * Inside <noscript>, so a browser with JavaScript never applies them.
 */
const NO_SCRIPT_CSS = `template[id^="B:"] + * { display: none !important; }
div[hidden][id^="S:"] { display: block !important; padding: 0 24px 48px; max-width: 1400px; margin: 0 auto; }
@media (min-width: 1800px) { div[hidden][id^="S:"] { max-width: 1800px; } }`;

/** Session gate for every console page. */
export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requirePageUser();
  return (
    <>
      <noscript>
        <style>{NO_SCRIPT_CSS}</style>
      </noscript>
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
