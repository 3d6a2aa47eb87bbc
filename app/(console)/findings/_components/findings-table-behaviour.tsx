"use client";

import { useRouter } from "next/navigation";
import type { MouseEvent, ReactNode } from "react";

/** How long a copy button says "Copied". */
const COPIED_MS = 1500;

/**
 * One client component per findings table instead of two or three per row (a copy button and
 * next/link Links): rows are plain server markup, and this one click handler, delegated from
 * the table's wrapper, gives them their behaviour. A `button[data-copy]` copies the full text
 * of the `.mono` element beside it (the id is in the page once, not again as a prop) and says
 * "Copied" in its live region; a plain click on a same-site link navigates client-side, as
 * next/link does (modified clicks, other targets and downloads keep the browser's behaviour).
 * Enter and Space on a link or button fire the same click, so the keyboard path is unchanged.
 */
export function FindingsTableBehaviour({ children }: { children: ReactNode }) {
  const router = useRouter();
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    if (event.defaultPrevented || !(event.target instanceof Element)) return;
    const copy = event.target.closest<HTMLButtonElement>("button[data-copy]");
    if (copy && event.currentTarget.contains(copy)) {
      const text = copy.closest(".copyable")?.querySelector(".mono")?.textContent ?? "";
      const status = copy.querySelector("[aria-live]");
      void navigator.clipboard?.writeText(text).then(() => {
        if (!status) return;
        status.textContent = "Copied";
        setTimeout(() => (status.textContent = "Copy"), COPIED_MS);
      });
      return;
    }
    const link = event.target.closest<HTMLAnchorElement>("a[href]");
    if (!link || !event.currentTarget.contains(link)) return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if ((link.target && link.target !== "_self") || link.hasAttribute("download") || link.origin !== window.location.origin) return;
    event.preventDefault();
    router.push(`${link.pathname}${link.search}${link.hash}`);
  };
  return (
    // Only delegates the clicks of the links and buttons inside, which are focusable and keyboard-operable themselves.
    <div className="table-scroll" onClick={onClick}>
      {children}
    </div>
  );
}
