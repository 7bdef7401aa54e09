import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import VersionsView from './VersionsView.svelte';
import type { Copy, PlanVersion, Printers } from '../../lib/api';
import { failure } from '../../test/api';
import { expectNoAxeViolations } from '../../test/axe';
import { withRecord } from '../../test/context';
import { annasRecordState } from '../../test/fixtures';

const fake = vi.hoisted(() => ({
  versions: vi.fn(),
  printers: vi.fn(),
  printPlan: vi.fn(),
  recordCopy: vi.fn(),
  withdrawCopy: vi.fn(),
  savePlanPDF: vi.fn(),
}));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, fake)));

function copy(holder: string, more: Partial<Copy> = {}): Copy {
  return {
    id: 7,
    holder,
    format: 'large-print',
    givenOn: '2026-12-01',
    withdrawn: false,
    withdrawnReason: '',
    withdrawnAt: '',
    withdrawnBy: '',
    ...more,
  };
}

function version(copies: PlanVersion['copies'] = []): PlanVersion {
  return {
    number: 2,
    agreedAt: '2026-11-20T10:00:00Z',
    agreedBy: 'Sam Okafor',
    checkCode: 'AB12-CD34',
    superseded: false,
    signed: ['Anna Nowak (signed)'],
    copies,
    changes: [],
    personFormat: 'large-print',
  };
}

const twoPrinters: Printers = {
  printers: [
    { name: 'Office', default: false },
    { name: 'Ward_2', default: true },
  ],
  problem: '',
};

async function shown(printers: Printers = twoPrinters) {
  fake.versions.mockResolvedValue([version()]);
  fake.printers.mockResolvedValue(printers);
  const view = render(VersionsView, withRecord(annasRecordState()));
  await screen.findByText(/check code/);
  return view;
}

beforeEach(() => {
  for (const fn of Object.values(fake)) fn.mockReset();
});

describe('VersionsView printing', () => {
  it("offers the printers, the default chosen, and names the person's format, with no axe violations", async () => {
    const { container } = await shown();
    expect(screen.getByLabelText('Print to a printer')).toBeChecked();
    expect(screen.getByLabelText('Printer')).toHaveValue('Ward_2');
    expect(
      within(screen.getByLabelText('Printer')).getByRole('option', { name: 'Ward_2 (default)' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Format')).toHaveValue('');
    expect(screen.getByRole('option', { name: "The person's format (Large print)" })).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('sends the plan to the chosen printer, says so, and shows the copy recorded', async () => {
    const user = userEvent.setup();
    const { container } = await shown();
    fake.printPlan.mockResolvedValue({
      printer: 'Office',
      format: 'large-print',
      version: version([copy('Ola Nowak')]),
    });
    await user.selectOptions(screen.getByLabelText('Printer'), 'Office');
    await user.type(screen.getByLabelText('Who is the printed copy for? (optional)'), 'Ola Nowak');
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(fake.printPlan).toHaveBeenCalledWith(1, 2, {
      format: '',
      printer: 'Office',
      viewer: false,
      holder: 'Ola Nowak',
    });
    expect(await screen.findByText('Sent to printer Office')).toBeInTheDocument();
    expect(screen.getByText('Ola Nowak: Large print, 1 December 2026')).toBeInTheDocument();
    expect(screen.getByLabelText('Who is the printed copy for? (optional)')).toHaveValue('');
    await expectNoAxeViolations(container);
  });

  it('opens the plan in the PDF viewer, and records no copy it cannot know was printed', async () => {
    const user = userEvent.setup();
    await shown();
    fake.printPlan.mockResolvedValue({ printer: '', format: 'easy-read', version: version() });
    await user.selectOptions(screen.getByLabelText('Format'), 'easy-read');
    await user.click(screen.getByLabelText('Open in my PDF viewer to print'));
    expect(screen.queryByLabelText('Printer')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Open in my PDF viewer' }));
    expect(fake.printPlan).toHaveBeenCalledWith(1, 2, { format: 'easy-read', printer: '', viewer: true, holder: '' });
    expect(await screen.findByText(/^Opened in your PDF viewer\./)).toBeInTheDocument();
    expect(screen.getByText('No copies recorded')).toBeInTheDocument();
  });

  it('says why when no printer is set up, and offers the viewer', async () => {
    const user = userEvent.setup();
    const problem =
      'No printer is set up on this computer. Add one in your system settings, or save the PDF and print it from there';
    const { container } = await shown({ printers: [], problem });
    expect(screen.getByText(problem)).toBeInTheDocument();
    expect(screen.queryByLabelText('Print to a printer')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Print' })).toBeNull();
    fake.printPlan.mockResolvedValue({ printer: '', format: 'large-print', version: version() });
    await user.click(screen.getByRole('button', { name: 'Open in my PDF viewer' }));
    expect(fake.printPlan).toHaveBeenCalledWith(1, 2, { format: '', printer: '', viewer: true, holder: '' });
    await expectNoAxeViolations(container);
  });

  it("shows the system's reason when the printer refuses", async () => {
    const user = userEvent.setup();
    const { container } = await shown();
    const reason = 'The printer Ward_2 did not take the plan: Destination "Ward_2" is not accepting jobs.';
    fake.printPlan.mockResolvedValue(failure('', reason));
    await user.click(screen.getByRole('button', { name: 'Print' }));
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.queryByText(/^Sent to printer/)).toBeNull();
    await expectNoAxeViolations(container);
  });
});

describe('VersionsView recording a copy', () => {
  it("records the person's format unless another is chosen", async () => {
    const user = userEvent.setup();
    await shown();
    fake.recordCopy.mockResolvedValue(version([copy('GP')]));
    await user.type(screen.getByLabelText('Who was given a copy'), 'GP');
    await user.click(screen.getByRole('button', { name: 'Record the copy' }));
    expect(fake.recordCopy).toHaveBeenCalledWith(1, 2, expect.objectContaining({ holder: 'GP', format: '' }));
    expect(await screen.findByText('GP: Large print, 1 December 2026')).toBeInTheDocument();

    await user.selectOptions(screen.getByLabelText('Format'), 'standard');
    await user.type(screen.getByLabelText('Who was given a copy'), 'Ola');
    await user.click(screen.getByRole('button', { name: 'Record the copy' }));
    expect(fake.recordCopy).toHaveBeenLastCalledWith(
      1,
      2,
      expect.objectContaining({ holder: 'Ola', format: 'standard' }),
    );
    const [, , sent] = fake.recordCopy.mock.calls[1];
    expect(sent.givenOn).toMatch(/^\d{4}-\d\d-\d\d$/);
  });
});

describe('VersionsView copies', () => {
  it('withdraws a copy recorded by mistake, with a reason, and keeps it struck through', async () => {
    const user = userEvent.setup();
    fake.versions.mockResolvedValue([version([copy('Dr Rao')])]);
    fake.printers.mockResolvedValue(twoPrinters);
    const { container } = render(VersionsView, withRecord(annasRecordState()));
    await screen.findByText(/check code/);
    await user.click(screen.getByRole('button', { name: 'Withdraw the copy given to Dr Rao' }));
    const reason = screen.getByLabelText('Why is the copy given to Dr Rao withdrawn?');
    expect(reason).toHaveFocus();
    fake.withdrawCopy.mockResolvedValueOnce(failure('reason', 'Enter why the copy is withdrawn'));
    await user.click(screen.getByRole('button', { name: 'Withdraw the copy' }));
    expect(await screen.findByText(/Enter why the copy is withdrawn/)).toBeInTheDocument();
    await expectNoAxeViolations(container);

    fake.withdrawCopy.mockResolvedValue(
      version([
        copy('Dr Rao', {
          withdrawn: true,
          withdrawnReason: 'Recorded by mistake',
          withdrawnBy: 'Sam Okafor',
          withdrawnAt: '2026-12-02T10:00:00Z',
        }),
      ]),
    );
    await user.type(reason, 'Recorded by mistake');
    await user.click(screen.getByRole('button', { name: 'Withdraw the copy' }));
    expect(fake.withdrawCopy).toHaveBeenLastCalledWith(expect.any(Number), 2, 7, 'Recorded by mistake');
    expect(await screen.findByText('Recorded by mistake')).toBeInTheDocument();
    expect(container.querySelector('s')?.textContent).toContain('Dr Rao');
    expect(screen.queryByRole('button', { name: /Withdraw the copy given to/ })).not.toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});
