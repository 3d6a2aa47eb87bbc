import type { Metadata } from "next";
import type { ReactNode } from "react";
import "./globals.css";

// Every page renders per request: the proxy's CSP nonce must reach Next.js's script tags,
// which a prerendered page (a 404 included) could not carry.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  // Each page sets its own title; the template names the product after it.
  title: { default: "Parapet", template: "%s · Parapet" },
  description: "Multi-account AWS security posture, scored against the customer side of the Shared Responsibility Model",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
