import Link from "next/link";

export const dynamic = "force-dynamic";

const REASONS: Record<string, { title: string; text: string }> = {
  "no-group": {
    title: "Your account has no access to Parapet",
    text: "Your identity provider signed you in, but none of your groups is mapped to a Parapet role. Ask a Parapet admin to map one of your groups (Settings, Single sign-on), or your identity team to add you to a mapped group.",
  },
  "local-account": {
    title: "This e-mail is a local Parapet account",
    text: "A Parapet account with a password already uses this e-mail, so single sign-on does not take it over. Sign in with its password, or ask an admin to remove the local account.",
  },
  disabled: { title: "Your account is disabled", text: "A Parapet admin disabled your account. Ask them to enable it." },
  "no-email": {
    title: "Your identity provider sent no verified e-mail",
    text: "Parapet names users by e-mail. Ask your identity team to release a verified e-mail claim to Parapet (the email scope).",
  },
};

const FALLBACK = {
  title: "Sign-in did not complete",
  text: "The sign-in with your identity provider failed or was interrupted (for example an expired or replayed login). Try again; if it keeps failing, ask an admin to check the single sign-on settings.",
};

/** Where a refused single sign-on lands (and next-auth's errors): what happened and who can fix it. */
export default async function SignInRefusedPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const reason = typeof params.reason === "string" ? params.reason : "";
  const message = REASONS[reason] ?? FALLBACK;
  return (
    <div className="signin">
      <h1>Parapet</h1>
      <div className="alert" role="alert">
        <h2>{message.title}</h2>
        <p>{message.text}</p>
      </div>
      <p>
        <Link href="/sign-in">Back to sign-in</Link>
      </p>
    </div>
  );
}
