"use client";
import type { ComponentProps } from "react";
import type { DateBox } from "@/lib/forms/verify-fields";

type Props = {
  legend: string;
  hint: string;
  labels: Record<DateBox, string>;
  /** The one message for the date (the first wrong box's), shown above the boxes. */
  error?: string;
  /** Which boxes are wrong: only those are marked invalid. */
  invalid: Record<DateBox, boolean>;
  defaults?: Partial<Record<DateBox, string>>;
  /** Each box's name and handlers: plain, or react-hook-form's `register`. */
  field: (box: DateBox) => ComponentProps<"input">;
};

const BOXES: { box: DateBox; width: string; maxLength: number; autoComplete: string }[] = [
  { box: "dobDay", width: "w-16", maxLength: 2, autoComplete: "bday-day" },
  { box: "dobMonth", width: "w-16", maxLength: 2, autoComplete: "bday-month" },
  { box: "dobYear", width: "w-24", maxLength: 4, autoComplete: "bday-year" },
];

/**
 * The GOV.UK date pattern: Day, Month, Year boxes in a fieldset whose legend names the date. Each box brings up a
 * phone's number pad (inputmode numeric, not type=number, which would spin and drop leading zeros), is labelled on
 * its own, and is marked invalid only when it is the one to fix.
 */
export function DateInput({ legend, hint, labels, error, invalid, defaults, field }: Props) {
  const describedBy = ["dateOfBirth-hint", error ? "dateOfBirth-error" : null].filter(Boolean).join(" ");
  return (
    <fieldset aria-describedby={describedBy} className={`space-y-1.5 ${error ? "border-l-4 border-red-700 pl-3" : ""}`}>
      <legend className="text-base font-semibold">{legend}</legend>
      <p id="dateOfBirth-hint" className="text-sm text-slate-700">
        {hint}
      </p>
      {error && (
        <p id="dateOfBirth-error" className="text-sm font-semibold text-red-700">
          {error}
        </p>
      )}
      <div className="flex flex-wrap gap-4">
        {BOXES.map(({ box, width, maxLength, autoComplete }) => (
          <div key={box} className="space-y-1">
            <label htmlFor={box} className="block text-base">
              {labels[box]}
            </label>
            <input
              id={box}
              type="text"
              inputMode="numeric"
              pattern="[0-9]*"
              autoComplete={autoComplete}
              spellCheck={false}
              maxLength={maxLength + 2}
              defaultValue={defaults?.[box]}
              aria-invalid={invalid[box] ? true : undefined}
              className={`block min-h-12 ${width} rounded-md border-2 bg-white px-3 py-2 text-lg ${invalid[box] ? "border-red-700" : "border-slate-500"}`}
              {...field(box)}
            />
          </div>
        ))}
      </div>
    </fieldset>
  );
}
