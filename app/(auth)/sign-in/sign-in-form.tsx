"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";

/** Local accounts (the embedded default, break-glass) and, when configured, single sign-on. */
export function SignInForm({ ssoName }: { ssoName: string | null }) {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setIsPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: String(form.get("email") ?? ""),
      password: String(form.get("password") ?? ""),
      redirect: false,
    });
    setIsPending(false);
    if (!result || result.error) {
      setError("Wrong email or password.");
      return;
    }
    router.replace("/");
    router.refresh();
  }

  return (
    <>
      {ssoName ? (
        <p>
          <button type="button" className="primary" onClick={() => signIn("oidc", { callbackUrl: "/" })}>
            Sign in with {ssoName}
          </button>
        </p>
      ) : null}
      <form onSubmit={onSubmit} aria-label="Sign in">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" autoComplete="username" required />
        <label htmlFor="password">Password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required />
        <button type="submit" disabled={isPending}>
          {isPending ? "Signing in..." : "Sign in"}
        </button>
        {error ? (
          <p className="alert" role="alert">
            {error}
          </p>
        ) : null}
      </form>
    </>
  );
}
