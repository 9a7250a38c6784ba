import { Fragment, type ReactNode } from "react";

/**
 * A message with {name} placeholders filled with elements (a phone link, a date in bold), for messages whose
 * values are more than text. Plain-text messages keep using `format` from lib/i18n/locales.ts.
 */
export function RichText({ template, values }: { template: string; values: Record<string, ReactNode> }) {
  const parts = template.split(/(\{\w+\})/g);
  return (
    <>
      {parts.map((part, i) => {
        const key = /^\{(\w+)\}$/.exec(part)?.[1];
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed template never reorder.
        return <Fragment key={i}>{key !== undefined && key in values ? values[key] : part}</Fragment>;
      })}
    </>
  );
}
