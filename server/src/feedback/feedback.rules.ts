// The rules of receiving a submission, each written once: the tracking code, what reads as a complaint
// or a denunciation, and how many submissions an address or an e-mail may make.
import { randomInt } from 'node:crypto';
import { foldForSearch } from '@giamsat/shared/text';

/** No 0/O, 1/I: a code read aloud or copied by hand is not mistaken. 32 symbols, 5 bits each. */
export const TRACKING_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** Ten symbols (50 bits) in two groups of five: guessing one among a million live codes takes ~10⁹ tries. */
const GROUP = 5;

export function newTrackingCode(): string {
  let code = '';
  for (let i = 0; i < GROUP * 2; i++) code += TRACKING_ALPHABET[randomInt(TRACKING_ALPHABET.length)];
  return `${code.slice(0, GROUP)}-${code.slice(GROUP)}`;
}

/**
 * A code as typed (any case, spaces or a dash, O for 0 and I/L for 1 are not in the alphabet so they
 * cannot be confused) → its stored form, or null when it cannot be one.
 */
export function normaliseTrackingCode(typed: string): string | null {
  const bare = typed.toUpperCase().replace(/[\s-]/g, '');
  if (bare.length !== GROUP * 2) return null;
  for (const ch of bare) if (!TRACKING_ALPHABET.includes(ch)) return null;
  return `${bare.slice(0, GROUP)}-${bare.slice(GROUP)}`;
}

// A complaint (khiếu nại) contests a decision or act that affects the writer; a denunciation (tố cáo)
// reports a wrongdoing. Both have their own laws and offices. What reads clearly as one: the words used
// as the writer's own act ("tôi khiếu nại", "đơn tố cáo") or aimed at a decision or a person. A mention
// in passing ("quy trình khiếu nại trực tuyến") is feedback. Matched folded, so "khieu nai" counts too.
const CLEAR_WORDING: Array<[RegExp, 'complaint' | 'denunciation']> = [
  [/\b(?:don|toi|chung toi|xin|nay|de nghi giai quyet) khieu nai\b/, 'complaint'],
  [/\bkhieu nai (?:quyet dinh|hanh vi|viec|ve viec|ong|ba|can bo|lanh dao)\b/, 'complaint'],
  [/\b(?:don|toi|chung toi|xin|nay) to cao\b/, 'denunciation'],
  [/\bto cao (?:hanh vi|ong|ba|can bo|lanh dao|viec|ve viec)\b/, 'denunciation'],
];

/** Whether the text reads clearly as a complaint or a denunciation, and which. */
export function complaintWording(text: string): 'complaint' | 'denunciation' | null {
  const folded = foldForSearch(text).replace(/\s+/g, ' ');
  for (const [pattern, kind] of CLEAR_WORDING) if (pattern.test(folded)) return kind;
  return null;
}

/** Submissions allowed per address and per e-mail in a window (fixed windows, counted in the database). */
export const SUBMISSION_LIMITS = {
  address: { attempts: 20, windowSeconds: 3600 },
  email: { attempts: 5, windowSeconds: 86_400 },
} as const;
