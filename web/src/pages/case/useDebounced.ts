import { useEffect, useState } from 'react';

/** `value` once it has stopped changing for `delayMs`; `flush` adopts a value at once. */
export function useDebounced<T>(value: T, delayMs: number): [T, (next: T) => void] {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return [settled, setSettled];
}
