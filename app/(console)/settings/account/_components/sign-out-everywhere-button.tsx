"use client";

import { signOut } from "next-auth/react";
import { useTransition } from "react";
import { signOutEverywhereAction } from "../actions";

export function SignOutEverywhereButton() {
  const [isPending, startTransition] = useTransition();
  return (
    <button
      type="button"
      disabled={isPending}
      onClick={() =>
        startTransition(async () => {
          await signOutEverywhereAction();
          await signOut({ callbackUrl: "/sign-in" });
        })
      }
    >
      Sign out everywhere
    </button>
  );
}
