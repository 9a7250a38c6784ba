import type { FieldValues, Resolver } from "react-hook-form";

// A react-hook-form resolver that loads its zod schema (and zod with it, ~15 KB gzipped of zod/mini) on first use
// instead of with the page: the page stays light for people who only read it. The form warms it up when it first
// takes focus (`warm` on the form's onFocus), so by the first submit it is normally there already; if not, the
// check waits for it. The browser still checks every submit before posting, with the very schema the server
// re-parses (lib/forms/resolvers.ts).

export type LazyResolver<TIn extends FieldValues, TOut extends FieldValues> = {
  resolver: Resolver<TIn, unknown, TOut>;
  /** Starts loading the schema (idempotent): for the form's onFocus. */
  warm: () => void;
};

export function lazyResolver<TIn extends FieldValues, TOut extends FieldValues>(
  load: () => Promise<Resolver<TIn, unknown, TOut>>,
): LazyResolver<TIn, TOut> {
  let loading: Promise<Resolver<TIn, unknown, TOut> | null> | undefined;
  const get = () => {
    loading ??= load().catch(() => {
      // Try again next time (a flaky connection); this submit goes to the server, which checks the same schema.
      loading = undefined;
      return null;
    });
    return loading;
  };
  return {
    resolver: async (values, context, options) => {
      const resolve = await get();
      return resolve ? resolve(values, context, options) : { values: values as unknown as TOut, errors: {} };
    },
    warm: () => void get(),
  };
}
