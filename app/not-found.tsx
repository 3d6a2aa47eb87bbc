import Link from "next/link";

/** 404 outside the console (the console's own 404 keeps its navigation: app/(console)/not-found.tsx). */
export default function NotFound() {
  return (
    <main id="main" className="signin">
      <h1>Page not found</h1>
      <p>
        There is no page at this address. <Link href="/">Go to the overview</Link>.
      </p>
    </main>
  );
}
