/**
 * Actions whose implementation is imported when the command runs: registering a command (its name,
 * options and help) loads nothing heavy, so `chipmix` starts in the time of the one command it runs.
 */
type Action = (...args: never[]) => unknown;

/** `const lazy = lazyActions(() => import('./x-actions'))`, then `.action(lazy('run'))`. */
export function lazyActions<M>(load: () => Promise<M>) {
  return <K extends { [P in keyof M]: M[P] extends Action ? P : never }[keyof M]>(name: K) =>
    async function (this: unknown, ...args: unknown[]): Promise<void> {
      const action = (await load())[name] as unknown as (...a: unknown[]) => unknown;
      await action.apply(this, args);
    };
}
