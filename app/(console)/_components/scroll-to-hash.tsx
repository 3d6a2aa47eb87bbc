"use client";

import { useEffect } from "react";

/**
 * Scrolls to the URL's #fragment once streamed content has arrived. A page that streams
 * behind a skeleton (the account and item pages) has no target yet when the browser or the
 * router looks for it, so a link such as the heat map's /accounts/ID#domain-x would land at
 * the top. Rendered at the end of the streamed part, it runs when that part is in the page.
 */
export function ScrollToHash() {
  useEffect(() => {
    const id = decodeURIComponent(window.location.hash.slice(1));
    if (id) document.getElementById(id)?.scrollIntoView();
  }, []);
  return null;
}
