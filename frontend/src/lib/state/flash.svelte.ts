// A one-time success message shown on the next screen, such as
// "Zoë Ó'Brien has been added".
class Flash {
  message = $state('');

  /** Sets the message, starting it with a capital letter ("contact added" → "Contact added"). */
  set(message: string) {
    this.message = capitalFirst(message);
  }

  /** Returns the message and clears it, so it shows once. */
  take(): string {
    const m = this.message;
    this.message = '';
    return m;
  }
}

/** message with its first letter a capital, as every message on screen starts. */
export function capitalFirst(message: string): string {
  const first = message.match(/^[\s\p{P}]*(\p{L})/u);
  if (!first) return message;
  const at = message.indexOf(first[1]);
  return message.slice(0, at) + first[1].toLocaleUpperCase() + message.slice(at + first[1].length);
}

export const flash = new Flash();
