"use client";

import { useState, useTransition } from "react";
import { deleteSsoMappingAction } from "../actions";

export function DeleteMappingButton({ mappingId, groupName }: { mappingId: string; groupName: string }) {
  const [message, setMessage] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  return (
    <>
      <button
        type="button"
        disabled={isPending}
        aria-label={`Remove mapping ${groupName}`}
        onClick={() => startTransition(async () => setMessage((await deleteSsoMappingAction(mappingId)).message))}
      >
        Remove
      </button>
      {message ? <span className="small muted"> {message}</span> : null}
    </>
  );
}
