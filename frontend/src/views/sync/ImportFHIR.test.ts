import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ImportFHIR from './ImportFHIR.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const { importFHIR, status } = vi.hoisted(() => ({ importFHIR: vi.fn(), status: vi.fn() }));
vi.mock('../../lib/api/sync', (original) =>
  import('../../test/api').then((t) => t.fakeSyncApi(original, { importFHIR, status })),
);

beforeEach(() => {
  importFHIR.mockReset();
  status.mockReset().mockResolvedValue({ configured: false });
});

describe('ImportFHIR', () => {
  it('says who was added, matched and in conflict', async () => {
    const onimported = vi.fn();
    const { container } = render(ImportFHIR, { onimported });
    const user = userEvent.setup();
    importFHIR.mockResolvedValue({
      file: '/home/sam/gp-export.json',
      created: 1,
      matched: 2,
      conflicts: 1,
      refused: ['Zoë Ó’Brien: This Patient has no NHS number, and someone here may be them'],
      message:
        '1 person added, 2 people already here, 1 conflict to settle (the same NHS number with another date of birth), 1 person not imported',
    });
    await user.click(screen.getByRole('button', { name: 'Import from a FHIR file' }));
    expect(await screen.findByText(/1 person added, 2 people already here, 1 conflict to settle/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Settle the conflicts' })).toHaveAttribute('href', '#/sync/conflicts');
    expect(screen.getByRole('list', { name: 'Not imported' })).toHaveTextContent(
      'Zoë Ó’Brien: This Patient has no NHS number, and someone here may be them',
    );
    expect(onimported).toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('does nothing when the dialog is cancelled', async () => {
    const onimported = vi.fn();
    render(ImportFHIR, { onimported });
    importFHIR.mockResolvedValue({ file: '', created: 0, matched: 0, conflicts: 0, refused: [], message: '' });
    await userEvent.setup().click(screen.getByRole('button', { name: 'Import from a FHIR file' }));
    expect(onimported).not.toHaveBeenCalled();
    expect(screen.queryByText(/added/)).not.toBeInTheDocument();
  });

  it('shows why a file was refused', async () => {
    render(ImportFHIR, { onimported: vi.fn() });
    importFHIR.mockResolvedValue(
      failure('', 'This Patient has no NHS number, so it cannot be matched. Nothing was imported'),
    );
    await userEvent.setup().click(screen.getByRole('button', { name: 'Import from a FHIR file' }));
    expect(await screen.findByText(/This Patient has no NHS number/)).toBeInTheDocument();
  });
});
