// <style> elements for @getodk/web-forms (PrimeVue's run-time theme) that our
// Content-Security-Policy allows: style-src 'self' refuses the text of any <style> element,
// but not the CSSOM. vite.odk-plugin.ts routes every `document.createElement("style")` of the
// package here. The element we hand back is named "style" but is not in the HTML namespace, so
// the browser never treats it as a style sheet (an empty HTML <style> is a CSP violation too:
// the hash of ''); PrimeVue still finds it with querySelector('style[...]'), puts it in <head>,
// sets its attributes and removes it. What is written to its textContent/innerHTML goes into a
// constructed CSSStyleSheet, adopted by the document while the element is in it.

const INERT_NAMESPACE = 'urn:ensemble:odk-web-forms:inert-style';

const sheets = new Map<HTMLStyleElement, CSSStyleSheet>();
let observer: MutationObserver | null = null;

function sync(): void {
  const wanted = new Set<CSSStyleSheet>();
  for (const [element, sheet] of sheets) {
    if (element.isConnected) wanted.add(sheet);
  }
  const current = document.adoptedStyleSheets;
  const ours = new Set(sheets.values());
  const kept = current.filter((sheet) => !ours.has(sheet) || wanted.has(sheet));
  for (const sheet of wanted) if (!kept.includes(sheet)) kept.push(sheet);
  if (kept.length !== current.length || kept.some((sheet, i) => sheet !== current[i])) {
    document.adoptedStyleSheets = kept;
  }
}

function watchHead(): void {
  if (observer) return;
  observer = new MutationObserver(sync);
  observer.observe(document.head, { childList: true });
}

let enabled = true;

/**
 * Turns the package's run-time styles on or off: off while no form is on screen, since its
 * theme styles the whole document (html, body), not the form alone.
 */
export function setOdkStylesEnabled(on: boolean): void {
  enabled = on;
  for (const sheet of sheets.values()) sheet.disabled = !on;
}

export function odkStyleElement(doc: Document = document): HTMLStyleElement {
  const element = doc.createElementNS(INERT_NAMESPACE, 'style') as unknown as HTMLStyleElement;
  const sheet = new CSSStyleSheet();
  sheet.disabled = !enabled;
  let text = '';
  const write = (css: string | null) => {
    text = css ?? '';
    sheet.replaceSync(text);
    sync();
  };
  for (const property of ['textContent', 'innerHTML', 'innerText']) {
    Object.defineProperty(element, property, { configurable: true, get: () => text, set: write });
  }
  // The CSS injected by vite-plugin-css-injected-by-js used appendChild(textNode); the build
  // removes that injector, but keep text nodes out of the element all the same.
  element.appendChild = <T extends Node>(node: T): T => {
    write(text + (node.textContent ?? ''));
    return node;
  };
  sheets.set(element, sheet);
  watchHead();
  queueMicrotask(sync);
  return element;
}
