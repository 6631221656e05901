// A menu that folds behind a button on a phone (≤ 640 px, styles.css) and stays open on wider
// screens, where the button is not shown. The button says whether it is open (aria-expanded);
// Escape folds it and gives the focus back to the button; a new page folds it.
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export function CollapsibleMenu({
  id,
  label,
  closeOn,
  children,
}: {
  id: string;
  label: string;
  /** When this changes (the page's address), the menu folds. */
  closeOn: string;
  children: ComponentChildren;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => setOpen(false), [closeOn]);

  function onKeyDown(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !open) return;
    setOpen(false);
    button.current?.focus();
  }

  return (
    <div class="collapsible-menu" onKeyDown={onKeyDown}>
      <button
        ref={button}
        type="button"
        class="button small menu-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen(!open)}
      >
        <span class="menu-icon" aria-hidden="true" />
        {label}
      </button>
      <div id={id} class={open ? 'menu-panel open' : 'menu-panel'}>
        {children}
      </div>
    </div>
  );
}
