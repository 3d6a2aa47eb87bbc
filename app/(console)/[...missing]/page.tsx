import type { Metadata } from "next";
import { notFound } from "next/navigation";

export const metadata: Metadata = { title: "Not found" };

/**
 * Any path no other route matches lands here, inside the console layout, so a mistyped URL
 * gets the console's 404 with its navigation (and the session check) instead of a bare page.
 */
export default function MissingPage(): never {
  notFound();
}
