import { describe, expect, it } from 'vitest';
import { focusHeading } from './focus';

describe('focusHeading', () => {
  it('focuses a heading drawn later, making it focusable', async () => {
    const main = document.createElement('main');
    document.body.append(main);
    const stop = focusHeading(main);
    const h1 = document.createElement('h1');
    h1.textContent = 'Meeting mode';
    main.append(h1);
    await new Promise((r) => setTimeout(r, 0));
    expect(h1.getAttribute('tabindex')).toBe('-1');
    expect(document.activeElement).toBe(h1);
    stop();
    main.remove();
  });

  it('leaves focus alone once the person has moved it into the screen', async () => {
    const main = document.createElement('main');
    const input = document.createElement('input');
    main.append(input);
    document.body.append(main);
    const stop = focusHeading(main);
    input.focus();
    main.append(document.createElement('h1'));
    await new Promise((r) => setTimeout(r, 0));
    expect(document.activeElement).toBe(input);
    stop();
    main.remove();
  });
});
