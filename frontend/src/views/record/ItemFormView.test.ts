import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import ItemFormView from './ItemFormView.svelte';
import PersonPage from '../person/PersonPage.svelte';
import CommunicationBanner from './CommunicationBanner.svelte';
import type { RecordState } from '../../lib/state/record.svelte';
import type { SectionSpec } from '../../lib/api';
import { expectNoAxeViolations } from '../../test/axe';
import { withRecord } from '../../test/context';
import { annasRecordState } from '../../test/fixtures';

const { saveItem } = vi.hoisted(() => ({ saveItem: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, { saveItem })));

const contacts: SectionSpec = {
  key: 'contacts',
  title: 'People who support me',
  intro: '',
  list: true,
  plan: false,
  itemName: 'contact',
  fields: [
    {
      key: 'name',
      label: 'Name',
      hint: '',
      kind: 'text',
      max: 100,
      required: true,
      conditional: false,
      choices: [],
      personsWords: false,
      noteFor: '',
      hidden: false,
    },
    {
      key: 'type',
      label: 'Type of contact',
      hint: '',
      kind: 'choice',
      max: 0,
      required: true,
      conditional: false,
      choices: [
        { value: 'family', label: 'Family' },
        { value: 'friend', label: 'Friend' },
      ],
      personsWords: false,
      noteFor: '',
      hidden: false,
    },
    {
      key: 'email',
      label: 'Email address',
      hint: '',
      kind: 'email',
      max: 254,
      required: false,
      conditional: false,
      choices: [],
      personsWords: false,
      noteFor: '',
      hidden: false,
    },
    {
      key: 'isCarer',
      label: 'They are a carer',
      hint: '',
      kind: 'bool',
      max: 0,
      required: false,
      conditional: false,
      choices: [],
      personsWords: false,
      noteFor: '',
      hidden: false,
    },
    {
      key: 'address',
      label: 'Address',
      hint: '',
      kind: 'longtext',
      max: 500,
      required: false,
      conditional: false,
      choices: [],
      personsWords: false,
      noteFor: '',
      hidden: false,
    },
  ],
};

function recordState(): RecordState {
  const rec = annasRecordState({
    items: {
      contacts: [
        {
          id: 7,
          values: { name: '<b>Ola</b> Nowak', type: 'family', isCarer: 'true' },
          // as Go shows them (care.Record.Display)
          display: { name: '<b>Ola</b> Nowak', type: 'Family', isCarer: 'Yes' },
          version: 2,
        },
      ],
    },
  });
  rec.schema = [contacts];
  return rec;
}

beforeEach(() => saveItem.mockReset());

describe('ItemFormView', () => {
  it('draws each field from the schema, labelled, with no axe violations', async () => {
    const { container } = render(
      ItemFormView,
      withRecord(recordState(), { sectionKey: 'contacts', itemId: 'new' as const, onsaved: vi.fn() }),
    );
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Add a contact');
    expect(screen.getByLabelText('Name')).toBeInTheDocument();
    expect(screen.getByLabelText('Family')).toHaveAttribute('type', 'radio');
    expect(screen.getByLabelText('They are a carer')).toHaveAttribute('type', 'checkbox');
    expect(screen.getByLabelText('Address (optional)').tagName).toBe('TEXTAREA');
    await expectNoAxeViolations(container);
  });

  it('sends the values typed, and shows every error beside its field', async () => {
    const user = userEvent.setup();
    const onsaved = vi.fn();
    const { container } = render(
      ItemFormView,
      withRecord(recordState(), { sectionKey: 'contacts', itemId: 7, onsaved }),
    );
    expect(screen.getByLabelText('Name')).toHaveValue('<b>Ola</b> Nowak');
    expect(screen.getByLabelText('They are a carer')).toBeChecked();
    await user.type(screen.getByLabelText('Email address (optional)'), 'ola.example.com');
    saveItem.mockImplementation(() => ({
      failure: {
        code: 'invalid',
        message: 'x',
        field: 'email',
        errors: [
          {
            code: 'invalid',
            message: 'Enter email address in the correct format, like name@example.com',
            field: 'email',
          },
        ],
      },
    }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(saveItem).toHaveBeenCalledWith(1, 'contacts', {
      id: 7,
      version: 2,
      values: { name: '<b>Ola</b> Nowak', type: 'family', isCarer: 'true', email: 'ola.example.com' },
    });
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Enter email address in the correct format');
    expect(container.querySelector('#email-error')).toHaveTextContent('Enter email address in the correct format');
    expect(container.querySelector('b')).toBeNull();
    expect(onsaved).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });

  it('asks before removing', async () => {
    const user = userEvent.setup();
    render(ItemFormView, withRecord(recordState(), { sectionKey: 'contacts', itemId: 7, onsaved: vi.fn() }));
    await user.click(screen.getByRole('button', { name: 'Remove this contact' }));
    expect(screen.getByText('Remove this contact?')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'No, keep it' }));
    expect(screen.queryByText('Remove this contact?')).toBeNull();
  });
});

describe('PersonPage and the banner', () => {
  it('shows the record, with no axe violations', async () => {
    const { container } = render(PersonPage, withRecord(recordState()));
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Anna Nowak');
    expect(screen.getByText('<b>Ola</b> Nowak')).toBeInTheDocument();
    await expectNoAxeViolations(container);
  });

  it('flags communication needs, and shows nothing when there are none', async () => {
    const { container } = render(CommunicationBanner, { banner: 'Large print; British Sign Language interpreter' });
    expect(container).toHaveTextContent('Communication needs: Large print; British Sign Language interpreter');
    await expectNoAxeViolations(container);
    const empty = render(CommunicationBanner, { banner: '' });
    expect(empty.container.querySelector('#communication-banner')).toBeNull();
    expect(empty.container.textContent?.trim()).toBe('');
  });
});
