import { randomInt } from "node:crypto";

// Activation codes people read aloud or type from an email: no 0/O, 1/I/L, grouped in fours.
// 12 characters from 31 gives about 59 bits: not guessable, and the code only activates monitoring.
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

export function generateActivationCode(): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [chars.slice(0, 4), chars.slice(4, 8), chars.slice(8)].map((g) => g.join("")).join("-");
}

export const ACTIVATION_CODE_PATTERN = /^[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}-[A-HJKMNP-Z2-9]{4}$/;
