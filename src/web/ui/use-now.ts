// A clock for components that show time relative to now.
import { useEffect, useState } from 'react';

/** Re-renders every `intervalMs` so countdowns and "3 min ago" labels move. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
