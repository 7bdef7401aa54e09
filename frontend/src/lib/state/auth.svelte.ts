// Who is signed in, whether the app is locked, and the idle timer that
// locks it. Locking keeps every screen (and anything typed) as it was,
// only hidden.
import { api, SIGN_IN_EVENT, type AuthStatus } from '../api';

const ACTIVITY = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;

export class Auth {
  status = $state<AuthStatus | null>(null);
  /** when the coordinator last touched the keyboard, mouse or screen */
  lastInput = Date.now();
  private titleBeforeLock = '';

  async refresh() {
    const wasLocked = this.status?.locked ?? false;
    this.status = await api.authStatus();
    if (this.status.locked && !wasLocked) {
      this.titleBeforeLock = document.title;
      document.title = 'What Matters – locked';
    } else if (!this.status.locked && wasLocked && this.titleBeforeLock) {
      document.title = this.titleBeforeLock;
    }
    if (!this.status.signedIn) document.title = 'What Matters';
  }

  async lock() {
    if (!this.status?.signedIn || this.status.locked) return;
    await api.lock();
    await this.refresh();
  }

  async signOut() {
    await api.signOut();
    await this.refresh();
    window.location.hash = '#/';
  }

  /** Starts watching for activity; returns a function that stops it. */
  start(): () => void {
    const touch = () => (this.lastInput = Date.now());
    const keys = (e: KeyboardEvent) => {
      if (e.ctrlKey && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void this.lock();
      }
    };
    const signIn = () => void this.refresh();
    for (const a of ACTIVITY) window.addEventListener(a, touch, { passive: true, capture: true });
    window.addEventListener('keydown', keys);
    window.addEventListener(SIGN_IN_EVENT, signIn);
    // After the laptop sleeps, the first tick sees how long it has been.
    const timer = setInterval(() => {
      const s = this.status;
      if (s?.signedIn && !s.locked && Date.now() - this.lastInput > s.lockMinutes * 60_000) void this.lock();
    }, 1000);
    // The integrity check runs in the background at start: ask until it is done.
    let tries = 0;
    const check = setInterval(() => {
      if (this.status?.checked || ++tries > 30) clearInterval(check);
      else void this.refresh();
    }, 1500);
    return () => {
      for (const a of ACTIVITY) window.removeEventListener(a, touch, { capture: true });
      window.removeEventListener('keydown', keys);
      window.removeEventListener(SIGN_IN_EVENT, signIn);
      clearInterval(timer);
      clearInterval(check);
    };
  }
}

export const auth = new Auth();
