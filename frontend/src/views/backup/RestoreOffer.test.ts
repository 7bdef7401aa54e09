import { render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RestoreOffer from './RestoreOffer.svelte';
import { expectNoAxeViolations } from '../../test/axe';

const status = vi.fn();
vi.mock('../../lib/api/backup', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../lib/api/backup')>();
  return { ...real, backupApi: { ...real.backupApi, status: async () => status() } };
});

beforeEach(() => status.mockReset());

describe('RestoreOffer', () => {
  it('offers the restore when this app may restore', async () => {
    status.mockResolvedValue({ lastAt: '', lastFile: '', due: false, recipient: '', damaged: '', canRestore: true });
    const { container } = render(RestoreOffer);
    expect(await screen.findByRole('link', { name: 'restore it' })).toHaveAttribute('href', '#/restore');
    await expectNoAxeViolations(container);
  });

  it('offers nothing when another app has the database', async () => {
    status.mockResolvedValue({ lastAt: '', lastFile: '', due: false, recipient: '', damaged: '', canRestore: false });
    const { container } = render(RestoreOffer);
    await new Promise((r) => setTimeout(r, 10));
    expect(container.textContent?.trim()).toBe('');
  });
});
