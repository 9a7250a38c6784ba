import * as z from "zod/mini";
import { dateOfBirthCheck, detailsFields, readDateOfBirth } from "./verify-details";

// "I have a letter": step one's fields and the notice code printed on the letter, in one form. Shared by the
// browser (react-hook-form) and the server action. Like step one, it checks only the shape of what was typed: the
// code's characters are checked in full (Crockford's reading, lib/notices/notice-code.ts) only on the server,
// where a code that cannot be one gets the same answer as a wrong one.

/** 12 letters or digits once spaces and dashes are gone (XXXX-XXXX-XXXX as printed). */
const NOTICE_CODE_SHAPE = /^[0-9A-Za-z]{12}$/;

export const verifyLetterSchema = z.pipe(
  z
    .extend(detailsFields, {
      noticeCode: z.pipe(
        z.string({ error: "noticeCodeRequired" }),
        z.pipe(
          z.transform((v: string) => v.replace(/[\s-]/g, "")),
          z.string().check(z.minLength(1, "noticeCodeRequired"), z.regex(NOTICE_CODE_SHAPE, "noticeCodeInvalid")),
        ),
      ),
    })
    .check(dateOfBirthCheck),
  z.transform((v) => {
    const read = readDateOfBirth(v.dobDay, v.dobMonth, v.dobYear);
    return {
      bookingRef: v.bookingRef,
      lastName: v.lastName,
      dateOfBirth: "iso" in read ? read.iso : "",
      noticeCode: v.noticeCode,
    };
  }),
);

export type VerifyLetterInput = z.input<typeof verifyLetterSchema>;
export type VerifyLetter = z.output<typeof verifyLetterSchema>;
