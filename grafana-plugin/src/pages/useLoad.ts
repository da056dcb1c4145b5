import { useCallback, useEffect, useState } from 'react';

export type Load<T> = { loading: boolean; error?: Error; value?: T; reload: () => void };

/** Runs `load` when `key` changes; keeps the last value while reloading. */
export function useLoad<T>(load: () => Promise<T>, key: string): Load<T> {
  const [state, setState] = useState<{ loading: boolean; error?: Error; value?: T }>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    load().then(
      (value) => current && setState({ loading: false, value }),
      (error: unknown) => current && setState({ loading: false, error: error instanceof Error ? error : new Error(String(error)) }),
    );
    return () => {
      current = false;
    };
    // `key` stands for everything `load` depends on.
  }, [key, round]);
  const reload = useCallback(() => setRound((value) => value + 1), []);
  return { ...state, reload };
}
