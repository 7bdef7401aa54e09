import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PersonFormView from './PersonFormView.svelte';
import { PersonForm } from '../../lib/state/personForm.svelte';
import { anna } from '../../test/fixtures';
import { expectNoAxeViolations } from '../../test/axe';

const { updatePerson } = vi.hoisted(() => ({ updatePerson: vi.fn() }));
vi.mock('../../lib/api', (original) => import('../../test/api').then((t) => t.fakeApi(original, { updatePerson })));

beforeEach(() => updatePerson.mockReset());

function setup() {
  const onsaved = vi.fn();
  const person = anna();
  person.details = { ...person.details, postcode: 'RV1 4QT', livesAlone: 'yes', preferredContact: 'letter' };
  const form = new PersonForm(person);
  const result = render(PersonFormView, { form, backHref: '#/people/1', onsaved });
  return { ...result, form, onsaved, user: userEvent.setup() };
}

describe('the person’s details on the change-details form', () => {
  it('groups them under headings, each optional, with what is stored, and no axe violations', async () => {
    const { container } = setup();
    for (const heading of [
      'Address and contact details',
      'GP practice',
      'Home and getting in',
      'How they describe themselves',
    ]) {
      expect(screen.getByRole('heading', { name: heading, level: 2 })).toBeInTheDocument();
    }
    expect(screen.getByLabelText('Postcode (optional)')).toHaveValue('RV1 4QT');
    expect(screen.getByLabelText('Phone number (optional)')).toHaveAttribute('type', 'tel');
    expect(screen.getByLabelText('Email address (optional)')).toHaveAttribute('type', 'email');
    expect(screen.getByLabelText('How they prefer to be contacted (optional)')).toHaveValue('letter');
    expect(screen.getByLabelText('Yes')).toBeChecked();
    expect(screen.getByLabelText('Practice code (ODS code) (optional)')).toBeInTheDocument();
    expect(screen.getByLabelText('Getting in (optional)').tagName).toBe('TEXTAREA');
    await expectNoAxeViolations(container);
  });

  it('sends them with the rest, and shows the backend’s messages beside them in the order of the form', async () => {
    const { user, container, onsaved } = setup();
    updatePerson.mockImplementation(() => ({
      failure: {
        code: 'invalid',
        message: 'Enter a real postcode, like SW1A 1AA',
        field: 'postcode',
        errors: [
          {
            code: 'invalid',
            message: 'Enter a practice code of 3 to 10 letters and numbers, like A81001',
            field: 'gpOdsCode',
          },
          { code: 'invalid', message: 'Enter a real postcode, like SW1A 1AA', field: 'postcode' },
        ],
      },
    }));
    const postcode = screen.getByLabelText('Postcode (optional)');
    await user.clear(postcode);
    await user.type(postcode, 'SW1');
    await user.type(screen.getByLabelText('Practice code (ODS code) (optional)'), 'A-1');
    await user.type(screen.getByLabelText('Getting in (optional)'), 'Knock loudly and wait');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(updatePerson).toHaveBeenCalledWith(
      1,
      expect.objectContaining({
        details: expect.objectContaining({
          postcode: 'SW1',
          gpOdsCode: 'A-1',
          accessNotes: 'Knock loudly and wait',
          livesAlone: 'yes',
        }),
      }),
    );
    const summary = await screen.findByRole('alert');
    const links = Array.from(summary.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ['Enter a real postcode, like SW1A 1AA', '#postcode'],
      ['Enter a practice code of 3 to 10 letters and numbers, like A81001', '#gpOdsCode'],
    ]);
    expect(container.querySelector('#postcode-error')).toHaveTextContent('Enter a real postcode, like SW1A 1AA');
    expect(postcode).toHaveValue('SW1');
    expect(onsaved).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);
  });
});
