// Moving focus to a new screen's heading, so that a screen reader announces
// the screen and the next Tab starts from the top of it.

/**
 * Focuses the first h1 inside root, making it focusable (tabindex="-1"),
 * as soon as there is one: a screen that loads first draws its heading
 * later. Gives up after timeout ms, or if focus has moved into root's
 * content meanwhile (the person has started using the screen). Returns a
 * function that stops waiting.
 */
export function focusHeading(root: ParentNode & Node, timeout = 3000): () => void {
  const start = document.activeElement;
  const tryFocus = () => {
    const moved = document.activeElement !== start && root.contains(document.activeElement);
    if (moved) return true;
    const h1 = root.querySelector<HTMLElement>('h1');
    if (!h1) return false;
    if (!h1.hasAttribute('tabindex')) h1.setAttribute('tabindex', '-1');
    h1.focus();
    return true;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) stop();
  });
  const timer = setTimeout(() => stop(), timeout);
  function stop() {
    observer.disconnect();
    clearTimeout(timer);
  }
  observer.observe(root, { childList: true, subtree: true });
  return stop;
}
