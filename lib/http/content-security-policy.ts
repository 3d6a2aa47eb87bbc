/**
 * The console's Content-Security-Policy. Scripts run only with the per-request nonce
 * (Next.js puts it on its own script tags when the proxy passes the policy on the
 * request) or when loaded by such a script ('strict-dynamic'): an injected <script> or
 * inline handler from an AWS record shown on a page does not run. Style attributes stay
 * allowed (React and recharts set them); nothing may frame the console, forms post only
 * to it, and the page talks to nothing but its own origin. Development adds 'unsafe-eval',
 * which React's dev build needs.
 */
export function contentSecurityPolicy(nonce: string, isDevelopment: boolean): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(nonce)) throw new Error("a CSP nonce is at least 16 base64 characters");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${isDevelopment ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** A fresh nonce per request: 128 random bits, base64. */
export function createNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}
