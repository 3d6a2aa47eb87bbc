"use client";

import { SECURITY_EVENT_NAMES } from "@/lib/aws/normalise/security-events";

const EVENT_NAMES = [...new Set(SECURITY_EVENT_NAMES.map((entry) => entry.eventName))].sort();

/**
 * The timeline's event-name choices: the collected CloudTrail events, the same for every
 * account, so they come with the cached script instead of in each account page's RSC
 * payload (about sixty options, twice over).
 */
export function EventNameOptions() {
  return (
    <>
      <option value="">Any</option>
      {EVENT_NAMES.map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </>
  );
}
