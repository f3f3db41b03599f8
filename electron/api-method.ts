import type { z } from 'zod';

/** One API method: its zod input schema and the handler that runs on the parsed input. */
export interface Method<S extends z.ZodType, R> {
  input: S;
  run: (args: z.output<S>) => R;
}

export const method = <S extends z.ZodType, R>(input: S, run: (args: z.output<S>) => R): Method<S, R> => ({ input, run });
