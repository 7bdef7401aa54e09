import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import StatusView from './StatusView.svelte';
import RemoveExamples from './RemoveExamples.svelte';
import { expectNoAxeViolations } from '../../test/axe';
import { withRecord } from '../../test/context';
import { fieldFailures } from '../../test/api';
import { annasRecordState } from '../../test/fixtures';
import { personStatus } from '../../lib/state/status.svelte';

const fake = vi.hoisted(() => ({ record: vi.fn(), deletePerson: vi.fn(), removeExamplePeople: vi.fn() }));
vi.mock('../../lib/api/status', (original) => import('../../test/api').then((t) => t.fakeStatusApi(original, fake)));

const discharged = {
  supported: false,
  kind: 'discharged',
  kindLabel: 'Discharged',
  date: '2026-11-01',
  reason: 'Moved away',
  summary: 'Discharged on 1 November 2026',
  recordedAt: '2026-11-21T09:30:00Z',
  recordedBy: 'Sam Okafor',
  deletableFrom: '2034-11-01',
  retentionYears: 8,
};

beforeEach(() => {
  for (const fn of Object.values(fake)) fn.mockReset();
  personStatus.set(0, discharged);
});

describe('StatusView', () => {
  it('shows what was wrong beside each field, keeping what was typed, with no axe violations', async () => {
    fake.record.mockResolvedValue(
      fieldFailures(['date', 'The date must be today or in the past'], ['reason', 'Enter the reason for discharge']),
    );
    const { container } = render(StatusView, withRecord(annasRecordState()));
    await userEvent.type(screen.getByLabelText('Year'), '2099');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findAllByText('The date must be today or in the past')).length).toBeGreaterThan(0);
    expect(screen.getAllByText('Enter the reason for discharge').length).toBeGreaterThan(0);
    expect(screen.getByLabelText('Year')).toHaveValue('2099');
    await expectNoAxeViolations(container);
  });

  it('asks to confirm when a meeting is in progress', async () => {
    fake.record.mockResolvedValue({
      failure: { code: 'conflict', field: 'confirm', message: 'This person has a meeting in progress.' },
    });
    render(StatusView, withRecord(annasRecordState()));
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByLabelText('Go ahead although a meeting is in progress')).not.toBeChecked();
  });

  it('says why a record cannot be deleted yet', async () => {
    personStatus.set(1, discharged);
    fake.deletePerson.mockResolvedValue({
      failure: { code: 'locked', field: '', message: 'It can be deleted from 1 November 2034' },
    });
    const { container } = render(StatusView, withRecord(annasRecordState()));
    expect(screen.getByText(/can be deleted from 1 November 2034. Deleting/)).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Delete the record' }));
    expect(await screen.findByText('It can be deleted from 1 November 2034')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});

describe('RemoveExamples', () => {
  it('asks once, then removes them', async () => {
    fake.removeExamplePeople.mockResolvedValue(5);
    const removed = vi.fn();
    const { container } = render(RemoveExamples, { props: { onremoved: removed } });
    await userEvent.click(screen.getByText('Example people'));
    await userEvent.click(screen.getByRole('button', { name: 'Remove the example people' }));
    await userEvent.click(screen.getByRole('button', { name: 'Yes, remove the example people' }));
    expect(await screen.findByText('5 example people removed')).toBeInTheDocument();
    expect(removed).toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });
});
