// Runs axe-core over a rendered component and fails on any violation.
import axe from 'axe-core';
import { expect } from 'vitest';

export async function expectNoAxeViolations(container: Element) {
  const results = await axe.run(container, {
    // jsdom cannot compute colours; contrast is checked in the browser tests.
    rules: { 'color-contrast': { enabled: false } },
  });
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`);
  expect(summary).toEqual([]);
}
