"use client";
import { type ComponentType, type RefObject, useLayoutEffect, useRef, useState } from "react";
import { flushSync } from "react-dom";

/** What the plain form held when its react-hook-form version took over. */
export type Restore = {
  /** The form's entries as it would post them (a ticked checkbox is present, an unticked one absent). */
  values: Record<string, string>;
  /** The focused control: its id, ":submit" for the submit button, or null when focus was elsewhere. */
  focus: string | null;
  /** The caret or selection in that control, where the input type has one. */
  selection: [number, number] | null;
  /** A submit came before react-hook-form: the loaded form submits once mounted, checked in the browser first. */
  submit: boolean;
};

const SELECTABLE = new Set(["text", "search", "tel", "url", "password"]);

/**
 * react-hook-form on first use instead of with the page. The page renders the form's plain HTML, which posts to
 * the server action (the server re-parses the same schema, so nothing goes through unchecked); the first focus,
 * pointer press, key press or submit inside it imports `load`'s module, which renders the same form with
 * react-hook-form in its place, with what was typed, focus and caret restored. A submit made before it arrives
 * waits for it, then goes through the browser's check; if the import fails, submits go to the server as they are.
 * The swap waits for a pressed pointer to come up, so the press's click lands on the element it started on.
 */
export function useLazyForm<P>(formRef: RefObject<HTMLFormElement | null>, load: () => Promise<ComponentType<P>>) {
  const [loaded, setLoaded] = useState<{ Form: ComponentType<P>; restore: Restore } | null>(null);
  const started = useRef(false);
  const failed = useRef(false);
  const submitQueued = useRef(false);
  const pointerUp = useRef<Promise<void> | null>(null);

  const swap = (Form: ComponentType<P>) => {
    const form = formRef.current;
    if (!form) return;
    const values: Record<string, string> = {};
    for (const [name, value] of new FormData(form)) if (typeof value === "string") values[name] = value;
    const active = document.activeElement;
    // By id, not position: the server-rendered form also holds the action's hidden inputs, the new one does not.
    const focus =
      active instanceof HTMLElement && form.contains(active)
        ? active.id || (active.getAttribute("type") === "submit" ? ":submit" : null)
        : null;
    const selection =
      active instanceof HTMLInputElement && SELECTABLE.has(active.type)
        ? ([active.selectionStart ?? 0, active.selectionEnd ?? 0] as [number, number])
        : null;
    // Synchronously, so no key press lands between reading the values and the new form taking focus.
    flushSync(() => setLoaded({ Form, restore: { values, focus, selection, submit: submitQueued.current } }));
  };

  const start = () => {
    if (started.current) return;
    started.current = true;
    load().then(
      async (Form) => {
        while (pointerUp.current) await pointerUp.current;
        swap(Form);
      },
      () => {
        failed.current = true;
        if (submitQueued.current) formRef.current?.requestSubmit();
      },
    );
  };

  const handlers = {
    onFocus: start,
    onKeyDown: start,
    onPointerDown: () => {
      start();
      if (pointerUp.current) return;
      pointerUp.current = new Promise<void>((resolve) => {
        const up = () => {
          window.removeEventListener("pointerup", up, true);
          window.removeEventListener("pointercancel", up, true);
          // After the click that follows pointerup in the same task.
          setTimeout(() => {
            pointerUp.current = null;
            resolve();
          });
        };
        window.addEventListener("pointerup", up, true);
        window.addEventListener("pointercancel", up, true);
      });
    },
    onSubmit: (e: React.FormEvent<HTMLFormElement>) => {
      if (failed.current) return; // The server action takes it, and checks it.
      e.preventDefault();
      submitQueued.current = true;
      start();
    },
  };

  return { loaded, handlers };
}

/** For the loaded form: puts focus and caret back where they were, and sends a submit that came before it. */
export function useRestoreLazyForm(formRef: RefObject<HTMLFormElement | null>, restore: Restore) {
  useLayoutEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const el =
      restore.focus === ":submit"
        ? form.querySelector('[type="submit"]')
        : restore.focus
          ? document.getElementById(restore.focus)
          : null;
    if (el instanceof HTMLElement) {
      el.focus();
      if (restore.selection && el instanceof HTMLInputElement) el.setSelectionRange(...restore.selection);
    }
    if (restore.submit) form.requestSubmit();
  }, [formRef, restore]);
}
