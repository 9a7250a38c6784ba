import type { AutocannonRequest } from "autocannon";
import { dateOfBirthFields, encodeForm, type Field } from "./forms";
import type { BenchTraveller } from "./travellers";

// Step one's request bodies: the real form's hidden fields (if any) plus details that vary per request, encoded
// as a browser without JavaScript encodes that form. Most are
// real travellers spread over the whole bundle (a code gets queued for each one with an email address, after the
// response), some are real bookings with a wrong date of birth, some are bookings that do not exist. Bodies are
// built once; each request takes the next one, so concurrent connections do not all send the same details.

export type StepOneMix = { real: number; wrongBirthDate: number; unknown: number };

const REF_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const dayBefore = (iso: string) => new Date(Date.parse(`${iso}T00:00:00Z`) - 864e5).toISOString().slice(0, 10);

export function stepOneBodies(
  hidden: Field[],
  travellers: BenchTraveller[],
  seed = 7,
): { bodies: Buffer[]; contentType: string; mix: StepOneMix } {
  const rnd = seeded(seed);
  const details: Array<[string, string, string]> = [];
  const mix: StepOneMix = { real: 0, wrongBirthDate: 0, unknown: 0 };
  travellers.forEach((t, i) => {
    details.push([t.bookingRef, t.lastName, t.dateOfBirth]);
    mix.real++;
    if (i % 5 === 0) {
      details.push([t.bookingRef, t.lastName, dayBefore(t.dateOfBirth)]);
      mix.wrongBirthDate++;
    }
    if (i % 5 === 2) {
      // Random references are almost all unused: 440k bookings among 2^30 possible references.
      const ref = Array.from({ length: 6 }, () => REF_ALPHABET[Math.floor(rnd() * 32)]).join("");
      const other = travellers[Math.floor(rnd() * travellers.length)]!;
      details.push([ref, other.lastName, other.dateOfBirth]);
      mix.unknown++;
    }
  });
  for (let i = details.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [details[i], details[j]] = [details[j]!, details[i]!];
  }
  const encoded = details.map(([bookingRef, lastName, dateOfBirth]) =>
    encodeForm([...hidden, ["bookingRef", bookingRef], ["lastName", lastName], ...dateOfBirthFields(dateOfBirth)]),
  );
  return { bodies: encoded.map((e) => e.body), contentType: encoded[0]?.contentType ?? "", mix };
}

/** One autocannon request that takes the next body each time it is sent. */
export function stepOneRequest(path: string, bodies: Buffer[], contentType: string, origin: string): AutocannonRequest {
  let next = 0;
  return {
    method: "POST",
    path,
    headers: { "content-type": contentType, origin, accept: "text/html" },
    setupRequest: (req) => {
      req.body = bodies[next++ % bodies.length]!;
      return req;
    },
  };
}
