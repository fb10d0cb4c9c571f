import { useEffect, useRef, useState } from 'react';

/** `value`, but updated at most every `intervalMs` (trailing edge), so charts redraw at ~10 Hz. */
export function useThrottled<T>(value: T, intervalMs: number): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    const wait = last.current + intervalMs - performance.now();
    const timer = setTimeout(
      () => {
        last.current = performance.now();
        setShown(value);
      },
      Math.max(0, wait),
    );
    return () => clearTimeout(timer);
  }, [value, intervalMs]);
  return shown;
}
