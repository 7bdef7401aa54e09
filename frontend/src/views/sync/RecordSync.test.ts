import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import RecordSync from './RecordSync.svelte';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';

const { fromServer, exportFHIR } = vi.hoisted(() => ({ fromServer: vi.fn(), exportFHIR: vi.fn() }));
vi.mock('../../lib/api/sync', (original) =>
  import('../../test/api').then((t) => t.fakeSyncApi(original, { fromServer, exportFHIR })),
);

beforeEach(() => {
  fromServer.mockReset().mockResolvedValue({ fromServer: false, server: '', changedBy: '', at: '' });
  exportFHIR.mockReset();
});

describe('RecordSync', () => {
  it('says when the last change came from the server, and who made it there', async () => {
    fromServer.mockResolvedValue({
      fromServer: true,
      server: 'fhir.example.nhs.uk',
      changedBy: 'Dr Ada Shah \u202Etxet',
      at: '1 December 2026 at 14:05',
    });
    const { container } = render(RecordSync, { personId: 3 });
    const line = await screen.findByText(/Last changed on the FHIR server/);
    expect(line).toHaveTextContent(
      'Last changed on the FHIR server fhir.example.nhs.uk by Dr Ada Shah \u202Etxet on 1 December 2026 at 14:05.',
    );
    expect(screen.getByText('Dr Ada Shah \u202Etxet')).toHaveAttribute('dir', 'auto');
    expect(fromServer).toHaveBeenCalledWith(3);
    await expectNoAxeViolations(container);
  });

  it('says nothing when the last change was made here', async () => {
    render(RecordSync, { personId: 3 });
    await vi.waitFor(() => expect(fromServer).toHaveBeenCalled());
    expect(screen.queryByText(/Last changed on the FHIR server/)).not.toBeInTheDocument();
  });

  it('exports the record as FHIR and says where', async () => {
    render(RecordSync, { personId: 3 });
    const user = userEvent.setup();
    exportFHIR.mockResolvedValue('/home/sam/anna-nowak.fhir.json');
    await user.click(screen.getByRole('button', { name: 'Export as FHIR' }));
    expect(exportFHIR).toHaveBeenCalledWith(3);
    expect(await screen.findByText('/home/sam/anna-nowak.fhir.json')).toBeInTheDocument();
    exportFHIR.mockResolvedValue(failure('', 'There is not enough space on the disk'));
    await user.click(screen.getByRole('button', { name: 'Export as FHIR' }));
    expect(await screen.findByText('There is not enough space on the disk')).toBeInTheDocument();
  });
});
