import type { Decline } from "../frameworks/framework.js";

/** A decline as a person reads it: the reason, then what would help. */
export function declineText(decline: Decline): string {
  return decline.add ? `${decline.reason} ${decline.add}` : decline.reason;
}
