import {
  endCallFormAction,
  enrolFormAction,
  flagFormAction,
  resendFormAction,
  revealFormAction,
} from "@/lib/agent/console-actions";
import type { CaseDto } from "@/lib/dto/console";
import { formatDate } from "@/lib/format";
import { REVEAL_REASONS } from "@/lib/forms/agent-case";
import { format, type Locale } from "@/lib/i18n/locales";
import type { AgentCaseMessages } from "@/lib/i18n/messages/agent-case";
import { ActionForm } from "./action-form";
import { CaseFieldForm } from "./case-field-form";

// An open case: what the agent reads out (in the caller's language), and what they can do for the caller. Each
// form names the case and a subject ("self", or a companion's position on the booking); the server re-checks both.

type Props = { c: CaseDto; t: AgentCaseMessages; locale: Locale };
const card = "space-y-4 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200";
const badge = "inline-flex items-center rounded-full px-2.5 py-0.5 text-sm font-medium";

export function CaseView({ c, t, locale }: Props) {
  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-3xl font-bold leading-tight">{format(t.caseTitle, { name: c.name })}</h1>
          <p>{format(t.bookingLine, { route: c.route, date: formatDate(c.flightDate, locale) })}</p>
          <p>{format(t.callerLanguage, { language: t.languageName[c.callerLanguage] })}</p>
        </div>
        <ActionForm
          action={endCallFormAction}
          hidden={{ case: c.id }}
          label={t.endCall}
          pendingLabel={t.ending}
          variant="secondary"
        />
      </header>
      <p className="max-w-prose rounded-md border-l-4 border-brand-700 bg-brand-50 p-3">{t.neverShown}</p>
      <Exposures c={c} t={t} />
      <Monitoring c={c} t={t} locale={locale} />
      <Companions c={c} t={t} />
      <Notes c={c} t={t} locale={locale} />
    </div>
  );
}

function Exposures({ c, t }: Omit<Props, "locale">) {
  return (
    <section aria-labelledby="exposures-title" className={card}>
      <h2 id="exposures-title" className="text-2xl font-semibold">
        {t.exposuresTitle}
      </h2>
      {c.exposures.length === 0 ? (
        <p>{t.noExposures}</p>
      ) : (
        <>
          <p className="text-slate-700">{t.scriptNote}</p>
          <div lang={c.callerLanguage} className="space-y-4 border-l-4 border-slate-400 pl-4">
            {c.exposures.map((e) => (
              <div key={e.category} className="space-y-2">
                <h3 className="text-xl font-semibold">{e.name}</h3>
                <p>{e.meaning}</p>
                <ol className="list-decimal space-y-1 pl-6">
                  {e.steps.map((s) => (
                    <li key={s.title}>
                      <span className="font-semibold">{s.title}.</span> {s.detail}
                    </li>
                  ))}
                </ol>
              </div>
            ))}
          </div>
        </>
      )}
    </section>
  );
}

/** The consent sentence to read out, a box the agent ticks once the caller agreed, and the button. */
function EnrolForm({ c, t, subject, label }: Omit<Props, "locale"> & { subject: string; label: string }) {
  const id = `consent-${subject}`;
  return (
    <ActionForm
      action={enrolFormAction}
      hidden={{ case: c.id, subject }}
      label={label}
      pendingLabel={t.enrolling}
      errors={t.errors}
    >
      <p>{t.consentIntro}</p>
      <blockquote lang={c.callerLanguage} className="border-l-4 border-slate-400 pl-4 text-lg">
        {c.consentScript}
      </blockquote>
      <label htmlFor={id} className="flex items-start gap-3 font-semibold">
        <input id={id} type="checkbox" name="consent" className="mt-1 size-5" />
        {t.consentConfirm}
      </label>
    </ActionForm>
  );
}

/** Resend the confirmation, or read the code out after choosing why. */
function EnrolledActions({ c, t, subject }: Omit<Props, "locale"> & { subject: string }) {
  const id = `reason-${subject}`;
  return (
    <div className="space-y-4">
      <ActionForm
        action={resendFormAction}
        hidden={{ case: c.id, subject }}
        label={t.resend}
        pendingLabel={t.resending}
        variant="secondary"
      />
      <fieldset className="space-y-3">
        <legend className="font-semibold">{t.revealLegend}</legend>
        <ActionForm
          action={revealFormAction}
          hidden={{ case: c.id, subject }}
          label={t.reveal}
          pendingLabel={t.revealing}
          variant="secondary"
          errors={t.errors}
        >
          <label htmlFor={id} className="block">
            {t.revealReason}
          </label>
          <select
            id={id}
            name="reason"
            defaultValue=""
            className="block min-h-11 rounded-md border-2 border-slate-500 bg-white px-3"
          >
            <option value="" disabled>
              {t.reasonPlaceholder}
            </option>
            {REVEAL_REASONS.map((r) => (
              <option key={r} value={r}>
                {t.reasons[r]}
              </option>
            ))}
          </select>
        </ActionForm>
      </fieldset>
    </div>
  );
}

function Monitoring({ c, t, locale }: Props) {
  const m = c.monitoring;
  return (
    <section aria-labelledby="monitoring-title" className={card}>
      <h2 id="monitoring-title" className="text-2xl font-semibold">
        {t.monitoringTitle}
      </h2>
      {m.enrolment ? (
        <>
          <p>
            {format(t.monitoringEnrolled, {
              enrolled: formatDate(m.enrolment.enrolledOn, locale),
              ends: formatDate(m.enrolment.termEndsOn, locale),
            })}
          </p>
          <EnrolledActions c={c} t={t} subject="self" />
        </>
      ) : m.open ? (
        <>
          <p>{format(t.monitoringNot, { date: formatDate(m.enrolBy, locale) })}</p>
          <EnrolForm c={c} t={t} subject="self" label={t.enrol} />
        </>
      ) : (
        <p>{format(t.monitoringClosed, { date: formatDate(m.enrolBy, locale) })}</p>
      )}
    </section>
  );
}

function Companions({ c, t }: Omit<Props, "locale">) {
  return (
    <section aria-labelledby="companions-title" className={card}>
      <h2 id="companions-title" className="text-2xl font-semibold">
        {t.companionsTitle}
      </h2>
      {c.companions.length === 0 ? (
        <p>{t.noCompanions}</p>
      ) : (
        <ul className="space-y-4">
          {c.companions.map((m) => (
            <li key={m.ref} aria-labelledby={`companion-${m.ref}`} className="space-y-3 border-t border-slate-200 pt-3">
              <div className="flex flex-wrap items-baseline gap-3">
                <h3 id={`companion-${m.ref}`} className="text-xl font-semibold">
                  {m.initials}
                </h3>
                <span
                  className={`${badge} ${m.affected ? "bg-amber-100 text-amber-900" : "bg-slate-100 text-slate-800"}`}
                >
                  {m.affected ? t.companionAffected : t.companionNotAffected}
                </span>
                {m.guardian && <span className={`${badge} bg-red-100 text-red-900`}>{t.minor}</span>}
                {m.flagged && <span className={`${badge} bg-emerald-100 text-emerald-900`}>{t.flagged}</span>}
              </div>
              {!m.flagged && (
                <ActionForm
                  action={flagFormAction}
                  hidden={{ case: c.id, companion: String(m.ref) }}
                  label={format(t.flag, { initials: m.initials })}
                  pendingLabel={t.flagging}
                  variant="secondary"
                />
              )}
              {m.guardian &&
                c.monitoring.open &&
                (m.guardian.enrolled ? (
                  <EnrolledActions c={c} t={t} subject={String(m.ref)} />
                ) : (
                  <EnrolForm
                    c={c}
                    t={t}
                    subject={String(m.ref)}
                    label={format(t.enrolMinor, { initials: m.initials })}
                  />
                ))}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Notes({ c, t, locale }: Props) {
  return (
    <section aria-labelledby="notes-title" className={card}>
      <h2 id="notes-title" className="text-2xl font-semibold">
        {t.notesTitle}
      </h2>
      <CaseFieldForm t={t} caseId={c.id} kind="note" />
      {c.notes.length === 0 ? (
        <p>{t.noNotes}</p>
      ) : (
        <ul className="space-y-3">
          {c.notes.map((n) => (
            <li key={n.id} className="space-y-1 border-t border-slate-200 pt-2">
              <p className="whitespace-pre-wrap">{n.text}</p>
              <p className="text-sm text-slate-700">
                {format(t.noteBy, { agent: n.agentName, when: formatDate(n.at.slice(0, 10), locale) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
