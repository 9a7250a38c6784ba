"use client";
import { useEffect, useRef } from "react";

/**
 * A ref that focuses its element whenever `signal` changes to a positive value, as soon as the element is on
 * screen: error summaries and confirmations often appear in the same render that raises the signal, or the next.
 */
export function useFocusOnSignal<E extends HTMLElement>(signal: number) {
  const ref = useRef<E>(null);
  const handled = useRef(0);
  useEffect(() => {
    if (signal > handled.current && ref.current) {
      handled.current = signal;
      ref.current.focus();
    }
  });
  return ref;
}
