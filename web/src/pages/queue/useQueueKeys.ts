// j/k move a highlight over the rows, Enter opens the highlighted case, r opens it with the reply
// composer focused, / jumps to search. Keys typed into a field, a dialog or a menu are left alone.
import { useEffect, useRef } from 'react';

export type QueueKeyHandlers = {
  rowCount: number;
  focused: number | null;
  setFocused(index: number | null): void;
  open(index: number, reply: boolean): void;
  focusSearch(): void;
};

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  return target.closest('input:not([type="checkbox"]):not([type="radio"]), textarea, select, [role="combobox"], [role="dialog"], [role="menu"], [role="listbox"]') !== null;
}

/** Keys a link or button would take itself (Enter on a focused link follows that link). */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('a, button, [role="button"], label') !== null;
}

export function useQueueKeys(handlers: QueueKeyHandlers): void {
  const current = useRef(handlers);
  current.current = handlers;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
      if (isTyping(event.target)) return;
      const { rowCount, focused, setFocused, open, focusSearch } = current.current;
      if (event.key === '/') {
        event.preventDefault();
        focusSearch();
        return;
      }
      if (rowCount === 0) return;
      if (event.key === 'j' || event.key === 'k') {
        event.preventDefault();
        const step = event.key === 'j' ? 1 : -1;
        const next = focused === null ? (step > 0 ? 0 : rowCount - 1) : Math.min(rowCount - 1, Math.max(0, focused + step));
        // Keys can come faster than renders: the next key starts from this one.
        current.current = { ...current.current, focused: next };
        setFocused(next);
        return;
      }
      if (focused === null || focused >= rowCount) return;
      if (event.key === 'Enter' && !isControl(event.target)) {
        event.preventDefault();
        open(focused, false);
      } else if (event.key === 'r' && !event.shiftKey) {
        event.preventDefault();
        open(focused, true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
