"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};
const isClient = () => true;
const isServer = () => false;

/**
 * False in the server's markup and while hydrating, true once the page runs in a browser
 * with JavaScript: what a component shows before that is what a browser without JavaScript
 * keeps, and what it shows after needs the browser (a chart's measured width, a combobox).
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(noSubscription, isClient, isServer);
}
