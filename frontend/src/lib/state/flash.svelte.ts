// A one-time success message shown on the next screen, such as
// "Zoë Ó'Brien has been added".
class Flash {
  message = $state('');

  set(message: string) {
    this.message = message;
  }

  /** Returns the message and clears it, so it shows once. */
  take(): string {
    const m = this.message;
    this.message = '';
    return m;
  }
}

export const flash = new Flash();
