import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth";
import { getOidcConfig } from "@/lib/auth/sso/get-oidc-config";
import { SignInForm } from "./sign-in-form";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage() {
  if (await getSessionUser()) redirect("/");
  return (
    <div className="signin">
      <h1>Parapet</h1>
      <p className="muted">AWS security posture across your accounts.</p>
      <SignInForm ssoName={getOidcConfig()?.name ?? null} />
    </div>
  );
}
