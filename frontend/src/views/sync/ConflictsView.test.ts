import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ConflictsView from './ConflictsView.svelte';
import { expectNoAxeViolations } from '../../test/axe';

const { conflicts, settle, status } = vi.hoisted(() => ({ conflicts: vi.fn(), settle: vi.fn(), status: vi.fn() }));
vi.mock('../../lib/api/sync', (original) =>
  import('../../test/api').then((t) => t.fakeSyncApi(original, { conflicts, settle, status })),
);

const BIDI = '\u202Eevil\u202C';
const aboutMe = {
  id: 4,
  personId: 1,
  personName: 'Anna Nowak',
  what: 'About me',
  changedBy: 'Dr Ada Shah',
  changedAt: '1 December 2026 at 14:05',
  fields: [
    {
      key: 'important',
      label: 'What is most important to me',
      base: 'My garden',
      mine: 'My garden 🌱 and my grandchildren',
      theirs: `My cat ${BIDI} <img src=x onerror=alert(1)>`,
    },
    { key: 'wellbeing', label: 'What helps my wellbeing', base: '', mine: 'Walks', theirs: '' },
  ],
};
const contact = {
  id: 5,
  personId: 2,
  personName: 'Ola Nowak',
  what: 'Contact: Piotr Nowak',
  changedBy: '',
  changedAt: '',
  fields: [{ key: 'phone', label: 'Phone', base: '0161 496 0000', mine: '0161 496 0001', theirs: '0161 496 0002' }],
};

beforeEach(() => {
  conflicts.mockReset().mockResolvedValue([aboutMe, contact]);
  settle.mockReset();
  status.mockReset().mockResolvedValue({ configured: true, conflicts: 1 });
});

async function setup() {
  const result = render(ConflictsView);
  await screen.findByRole('heading', { level: 2 });
  return { ...result, user: userEvent.setup() };
}

describe('ConflictsView', () => {
  it('shows the person, what it is, who changed it on the server and when, and each field both ways', async () => {
    const { container } = await setup();
    expect(screen.getAllByRole('heading', { level: 1 })).toHaveLength(1);
    expect(screen.getByRole('heading', { level: 2 })).toHaveTextContent('Anna Nowak: About me');
    expect(screen.getByText(/Changed on the server/)).toHaveTextContent(
      'Changed on the server by Dr Ada Shah on 1 December 2026 at 14:05.',
    );
    expect(screen.getByText('1 more conflict after this one.')).toBeInTheDocument();
    const important = screen.getByRole('group', { name: 'What is most important to me' });
    expect(within(important).getByText(/^Before:/)).toHaveTextContent('Before: My garden');
    const radios = within(important).getAllByRole('radio');
    expect(radios.map((r) => r.closest('div')!.textContent!.trim().replace(/\s+/g, ' '))).toEqual([
      'On this laptop: My garden 🌱 and my grandchildren',
      `On the server: My cat ${BIDI} <img src=x onerror=alert(1)>`,
    ]);
    // Nothing is chosen for the coordinator.
    for (const r of screen.getAllByRole('radio')) expect(r).not.toBeChecked();
    await expectNoAxeViolations(container);
  });

  it('shows emoji and direction-changing characters as text, isolated, never as markup', async () => {
    const { container } = await setup();
    expect(container.querySelector('img')).toBeNull();
    const theirs = screen.getByText(`My cat ${BIDI} <img src=x onerror=alert(1)>`);
    expect(theirs).toHaveAttribute('dir', 'auto');
    expect(screen.getByText('My garden 🌱 and my grandchildren')).toHaveAttribute('dir', 'auto');
    // A field emptied on one side says so.
    expect(screen.getByRole('group', { name: 'What helps my wellbeing' })).toHaveTextContent('On the server: (empty)');
  });

  it('asks for a choice for every field before settling, in the error summary and beside each', async () => {
    const { user, container } = await setup();
    await user.click(screen.getByLabelText(/On this laptop: My garden/));
    await user.click(screen.getByRole('button', { name: 'Settle this conflict' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    const link = within(summary).getByRole('link', {
      name: 'Select which “What helps my wellbeing” to keep: the one on this laptop or the one on the server',
    });
    expect(link).toHaveAttribute('href', '#conflict-4-wellbeing');
    expect(within(summary).getAllByRole('link')).toHaveLength(1);
    await user.click(link);
    expect(screen.getByLabelText(/On this laptop: Walks/)).toHaveFocus();
    expect(screen.getByRole('group', { name: 'What helps my wellbeing' })).toHaveAccessibleDescription(
      /Error: Select which/,
    );
    expect(settle).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('settles with the choices made, then shows the next conflict', async () => {
    const { user } = await setup();
    settle.mockResolvedValue([contact]);
    await user.click(screen.getByLabelText(/On the server: My cat/));
    await user.click(screen.getByLabelText(/On this laptop: Walks/));
    await user.click(screen.getByRole('button', { name: 'Settle this conflict' }));
    expect(settle).toHaveBeenCalledWith(4, { important: 'theirs', wellbeing: 'mine' });
    expect(await screen.findByText('The conflict in About me for Anna Nowak is settled')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 2, name: 'Ola Nowak: Contact: Piotr Nowak' })).toBeInTheDocument();
    expect(screen.getByText('Changed on the server.')).toBeInTheDocument();
    for (const r of screen.getAllByRole('radio')) expect(r).not.toBeChecked();
    settle.mockResolvedValue([]);
    await user.click(screen.getByLabelText(/On this laptop: 0161 496 0001/));
    await user.click(screen.getByRole('button', { name: 'Settle this conflict' }));
    expect(await screen.findByText('There are no conflicts to settle.')).toBeInTheDocument();
  });

  it('shows what the backend says when the conflict is gone', async () => {
    const { user } = await setup();
    settle.mockResolvedValue({
      failure: { code: 'not_found', message: 'This conflict has already been settled, or is not on this laptop' },
    });
    await user.click(screen.getByLabelText(/On the server: My cat/));
    await user.click(screen.getByLabelText(/On this laptop: Walks/));
    await user.click(screen.getByRole('button', { name: 'Settle this conflict' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('This conflict has already been settled');
  });

  it('says when there is nothing to settle', async () => {
    conflicts.mockResolvedValue([]);
    const { container } = render(ConflictsView);
    expect(await screen.findByText('There are no conflicts to settle.')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });
});
