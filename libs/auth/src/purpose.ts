// The purpose a request states and the reason an emergency access gives: plain text the access log keeps, checked
// the same way wherever it comes from (the token's `purpose` claim, the X-Purpose and X-Emergency-Access-Reason
// headers). Header values are Latin-1 on the wire; other characters may come percent-encoded (UTF-8, as RFC 8187).
import { LIMITS } from '../../persistence/src/limits';

/** At least this many characters: a reason that says something. */
export const MIN_EMERGENCY_REASON = 10;

export type TextCheck = { text: string } | { refusal: string };

const PERCENT_ESCAPE = /%[0-9A-Fa-f]{2}/;
// Control characters (C0, DEL, C1) and the line and paragraph separators have no place in a one-line purpose.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** A stated text: trimmed, `min`..`max` characters, no control characters; a header's decoded where percent-encoded. */
export function checkStatedText(value: unknown, o: { max: number; min?: number; header?: boolean }): TextCheck {
  const min = o.min ?? 1;
  const max = o.max;
  if (typeof value !== 'string') return { refusal: 'must be text' };
  let text = value;
  if (o.header && PERCENT_ESCAPE.test(text)) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return { refusal: 'is not valid percent-encoded UTF-8' };
    }
  }
  text = text.trim();
  if (CONTROL.test(text)) return { refusal: 'must not contain control characters' };
  if (text.length < min || text.length > max) return { refusal: min > 1 ? `must be ${min} to ${max} characters` : `must be 1 to ${max} characters` };
  return { text };
}

export const checkPurpose = (value: unknown, header = false) => checkStatedText(value, { max: LIMITS.purpose, header });
export const checkEmergencyReason = (value: unknown) => checkStatedText(value, { max: LIMITS.emergencyReason, min: MIN_EMERGENCY_REASON, header: true });
