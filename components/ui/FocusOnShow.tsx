"use client";

import { useEffect, useRef, type HTMLAttributes } from "react";

/**
 * A block that takes focus (and is scrolled into view) when it appears, and again whenever `trigger` changes: pass a
 * form's action state, which is a new object after every answer. Results are often drawn far from the button that
 * was pressed; without this, focus stays on the button and a keyboard, magnifier or screen reader user notices
 * nothing (WCAG 2.4.3; the GOV.UK notification banner and error summary do the same).
 */
export function FocusOnShow({ trigger, ...props }: HTMLAttributes<HTMLDivElement> & { trigger?: unknown }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    // "nearest" scrolls only when the block is not already wholly on screen.
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "nearest" });
  }, [trigger]);
  return <div ref={ref} tabIndex={-1} {...props} />;
}
