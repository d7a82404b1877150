import { useState } from 'react';

/** Which item a create-or-edit form is open for: none (closed), a new one (`item` is null), or `item`. */
export function useEditTarget<T>() {
  const [target, setTarget] = useState<{ item: T | null } | null>(null);
  return {
    open: target !== null,
    item: target?.item ?? null,
    create: () => setTarget({ item: null }),
    edit: (item: T) => setTarget({ item }),
    close: () => setTarget(null),
  };
}
