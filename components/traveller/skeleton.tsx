/** A calm placeholder while a /my page loads; announced once as a status, the blocks themselves are hidden. */
export function PageSkeleton({ label, cards = 3 }: { label: string; cards?: number }) {
  return (
    <div className="space-y-6">
      <p role="status" className="sr-only">
        {label}
      </p>
      <div aria-hidden="true" className="animate-pulse space-y-6">
        <div className="h-9 w-2/3 rounded bg-slate-200" />
        <div className="space-y-2">
          <div className="h-4 w-full rounded bg-slate-200" />
          <div className="h-4 w-5/6 rounded bg-slate-200" />
        </div>
        {Array.from({ length: cards }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: identical static placeholders that never reorder.
          <div key={i} className="space-y-3 rounded-lg bg-white p-5 shadow-sm ring-1 ring-slate-200">
            <div className="h-6 w-1/2 rounded bg-slate-200" />
            <div className="h-4 w-full rounded bg-slate-100" />
            <div className="h-4 w-4/5 rounded bg-slate-100" />
            <div className="h-12 w-full rounded bg-slate-100" />
          </div>
        ))}
      </div>
    </div>
  );
}
