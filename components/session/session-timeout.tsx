"use client";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import { canExtend, type SessionTiming } from "@/lib/auth/session-timing";
import { signOutTraveller } from "@/lib/auth/sign-out";
import { staySignedIn } from "@/lib/auth/stay-signed-in";
import type { Locale } from "@/lib/i18n/locales";
import { format } from "@/lib/i18n/locales";
import type { SessionMessages } from "@/lib/i18n/messages/session";

export type SessionTimeoutMessages = Pick<
  SessionMessages,
  "warnTitle" | "warnIdle" | "warnStayHint" | "stay" | "signOutNow" | "warnLimitTitle" | "warnLimit" | "gotIt"
> & { stayFailed: string; extended: string };

type Props = { initial: SessionTiming; warnBeforeSeconds: number; locale: Locale; t: SessionTimeoutMessages };
/** counting: to the warning; warning: dialog open; noted: the limit's warning was read, to the end; ending. */
type Phase = "counting" | "warning" | "noted" | "ending";

/**
 * Where the session stands: its expiry and absolute end in server seconds (to compare with what the server says
 * later), and when the expiry falls by this browser's clock.
 */
type Clock = { exp: number; abs: number; endMs: number };

/** From a timing the server just computed: measured from its own `now`, so the browser's clock error cancels out. */
const clockOf = (t: SessionTiming): Clock => ({
  exp: t.expiresAt,
  abs: t.absoluteAt,
  endMs: Date.now() + (t.expiresAt - t.now) * 1000,
});

/** The same clock moved by however much later the server now says the session expires (never earlier). */
const slid = (c: Clock, exp: number): Clock => (exp > c.exp ? { ...c, exp, endMs: c.endMs + (exp - c.exp) * 1000 } : c);

/** The session's timing as the status route reads it from the cookie (never extends the session). */
async function fetchTiming(): Promise<SessionTiming | null | undefined> {
  try {
    const res = await fetch("/api/session/status", { cache: "no-store", credentials: "same-origin" });
    if (!res.ok) return undefined;
    return ((await res.json()) as { timing: SessionTiming | null }).timing;
  } catch {
    return undefined; // Offline or the server away: keep to our own timeline.
  }
}

/**
 * The time-out warning (WCAG 2.2.1): two minutes before the session ends, a modal dialog says when and offers to
 * stay signed in (a server action that re-issues the cookie), or, at the 60-minute limit, says it cannot be
 * extended. When the time is up it signs out and lands on the page that says why.
 * The server's times are measured from the server's own `now` when they arrive, so a wrong clock on the visitor's
 * side moves nothing. Before warning and before signing out it asks the server (/api/session/status): if the
 * session slid meanwhile (another tab, a server action, a navigation) it waits that much longer.
 * The dialog is a native modal <dialog>: focus moves into it and back where it was, the page behind is inert, and
 * its title and text are announced as its name and description. Escape means "stay signed in".
 */
export function SessionTimeout({ initial, warnBeforeSeconds, locale, t }: Props) {
  const [clock, setClock] = useState(() => clockOf(initial));
  const [phase, setPhase] = useState<Phase>("counting");
  const [failed, setFailed] = useState(false);
  const [announce, setAnnounce] = useState("");
  const [wake, setWake] = useState(0);
  const [pending, startTransition] = useTransition();
  const mounted = useRef(false);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<Element | null>(null);

  // A new render of the layout (a refresh after a server action) may know of a later expiry: slide to it.
  useEffect(() => {
    if (!mounted.current) {
      mounted.current = true;
      return;
    }
    setClock((c) => slid(c, initial.expiresAt));
  }, [initial]);

  const extendable = canExtend({ expiresAt: clock.exp, absoluteAt: clock.abs });

  /** Signs out and lands on the page that says why; "expired" when the session was already gone before its time. */
  const end = useCallback(
    (early = false) => {
      setPhase("ending");
      const reason = early ? "expired" : extendable ? "inactive" : "time-limit";
      startTransition(async () => {
        await signOutTraveller(undefined, { reason });
      });
    },
    [extendable],
  );

  // Wait for the warning, then for the end; each time, ask the server first.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `wake` re-arms the timer when the tab comes back (browsers delay timers in background tabs).
  useEffect(() => {
    if (phase === "ending") return;
    const due = phase === "counting" ? clock.endMs - warnBeforeSeconds * 1000 : clock.endMs;
    const timer = setTimeout(
      async () => {
        const latest = await fetchTiming();
        // No session any more: ended at its time (the browser dropped the cookie), or before (signed out elsewhere).
        if (latest === null) return end(phase === "counting");
        if (latest && latest.expiresAt > clock.exp) {
          setClock((c) => slid(c, latest.expiresAt));
          setPhase("counting");
          return;
        }
        if (phase === "counting") setPhase("warning");
        else end();
      },
      Math.max(0, due - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [phase, clock, warnBeforeSeconds, end, wake]);

  useEffect(() => {
    const onVisible = () => document.visibilityState === "visible" && setWake((n) => n + 1);
    document.addEventListener("visibilitychange", onVisible);
    return () => document.removeEventListener("visibilitychange", onVisible);
  }, []);

  // Open and close the native dialog with the phase; focus goes back where it was.
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (phase === "warning" && !d.open) {
      returnFocus.current = document.activeElement;
      setAnnounce("");
      d.showModal();
    } else if (phase !== "warning" && d.open) {
      d.close();
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    }
  }, [phase]);

  const stay = () => {
    // At the limit there is nothing to extend: the dialog closes and the end comes when it is due.
    if (!extendable) return setPhase("noted");
    setFailed(false);
    startTransition(async () => {
      const result = await staySignedIn(undefined, {});
      if (result.status === "ok" && result.data) {
        setClock(clockOf(result.data));
        setPhase("counting");
        setAnnounce(t.extended);
      } else {
        setFailed(true);
      }
    });
  };

  // Only while the dialog shows: the server's render and the browser's would differ (and nobody sees it closed).
  const time =
    phase === "warning"
      ? new Intl.DateTimeFormat(locale === "fr" ? "fr-CA" : "en-CA", { hour: "numeric", minute: "2-digit" }).format(
          new Date(clock.endMs),
        )
      : "";

  return (
    <>
      <p role="status" className="sr-only">
        {announce}
      </p>
      <dialog
        ref={dialog}
        aria-labelledby="session-timeout-title"
        aria-describedby="session-timeout-text"
        onCancel={(e) => {
          // Escape: the safe choice is to keep the session (or, at the limit, to acknowledge).
          e.preventDefault();
          stay();
        }}
        className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-lg border-t-4 border-amber-600 bg-white p-6 text-slate-900 shadow-xl backdrop:bg-slate-900/60"
      >
        <h2 id="session-timeout-title" className="text-xl font-bold">
          {extendable ? t.warnTitle : t.warnLimitTitle}
        </h2>
        <div id="session-timeout-text" className="mt-3 space-y-2">
          <p>{format(extendable ? t.warnIdle : t.warnLimit, { time })}</p>
          {extendable && <p>{t.warnStayHint}</p>}
        </div>
        {failed && (
          <p role="alert" className="mt-3 font-semibold text-red-700">
            {t.stayFailed}
          </p>
        )}
        <div className="mt-5 flex flex-wrap gap-3">
          <button
            type="button"
            // biome-ignore lint/a11y/noAutofocus: a modal dialog moves focus to its main action (WAI-ARIA dialog pattern).
            autoFocus
            onClick={stay}
            aria-disabled={pending}
            className="rounded-md bg-brand-700 px-5 py-2.5 font-semibold text-white hover:bg-brand-800 aria-disabled:cursor-wait"
          >
            {extendable ? t.stay : t.gotIt}
          </button>
          <button
            type="button"
            onClick={() => {
              setPhase("ending");
              startTransition(async () => {
                await signOutTraveller(undefined, {});
              });
            }}
            className="rounded-md border-2 border-brand-700 bg-white px-5 py-2 font-semibold text-brand-700 hover:bg-brand-50"
          >
            {t.signOutNow}
          </button>
        </div>
      </dialog>
    </>
  );
}
