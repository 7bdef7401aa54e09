import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import PersonFormView from './PersonFormView.svelte';
import { PersonForm } from '../../lib/state/personForm.svelte';
import { expectNoAxeViolations } from '../../test/axe';

const { createPerson, findPerson } = vi.hoisted(() => ({ createPerson: vi.fn(), findPerson: vi.fn() }));
vi.mock('../../lib/api', (original) =>
  import('../../test/api').then((t) => t.fakeApi(original, { createPerson, findPerson })),
);

beforeEach(() => {
  createPerson.mockReset();
  findPerson.mockReset();
});

/** Makes the backend fail with what Wails would reject with. */
function rejectWith(value: unknown) {
  createPerson.mockImplementation(() => ({ failure: value }));
}

function setup() {
  const onsaved = vi.fn();
  const form = new PersonForm();
  const result = render(PersonFormView, { form, backHref: '#/', onsaved });
  return { ...result, form, onsaved, user: userEvent.setup() };
}

describe('PersonFormView', () => {
  it('has labels on every input and no axe violations', async () => {
    const { container } = setup();
    for (const label of ['Given name', 'Family name', 'Day', 'Month', 'Year', 'NHS number (optional)']) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    await expectNoAxeViolations(container);
  });

  it('sends what was typed, with the date joined as YYYY-MM-DD', async () => {
    const { user, onsaved } = setup();
    const saved = { id: 4, displayName: "Zoë Ó'Brien-Łukasiewicz" };
    createPerson.mockResolvedValue(saved);
    await user.type(screen.getByLabelText('Given name'), 'Zoë');
    await user.type(screen.getByLabelText('Family name'), "Ó'Brien-Łukasiewicz");
    await user.type(screen.getByLabelText('Day'), '1');
    await user.type(screen.getByLabelText('Month'), '4');
    await user.type(screen.getByLabelText('Year'), '1950');
    await user.type(screen.getByLabelText('NHS number (optional)'), '943 476 5919');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    expect(createPerson).toHaveBeenCalledWith(
      expect.objectContaining({
        givenName: 'Zoë',
        familyName: "Ó'Brien-Łukasiewicz",
        dateOfBirth: '1950-04-01',
        nhsNumber: '943 476 5919',
      }),
    );
    expect(onsaved).toHaveBeenCalledWith(saved);
  });

  it('shows every backend error in the summary and beside its field, keeping what was typed', async () => {
    const { user, container, onsaved } = setup();
    rejectWith({
      code: 'invalid',
      message: "Enter the person's given name",
      field: 'givenName',
      errors: [
        { code: 'invalid', message: 'NHS number must be 10 digits', field: 'nhsNumber' },
        { code: 'invalid', message: "Enter the person's given name", field: 'givenName' },
        { code: 'invalid', message: 'Date of birth must be a real date', field: 'dateOfBirth' },
      ],
    });
    await user.type(screen.getByLabelText('NHS number (optional)'), '123');
    await user.click(screen.getByRole('button', { name: 'Save person' }));

    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('There is a problem');
    const links = Array.from(summary.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    expect(links).toEqual([
      ["Enter the person's given name", '#givenName'],
      ['Date of birth must be a real date', '#dateOfBirth-day'],
      ['NHS number must be 10 digits', '#nhsNumber'],
    ]);
    expect(document.activeElement).toBe(summary);
    const nhs = screen.getByLabelText('NHS number (optional)');
    expect(nhs).toHaveValue('123');
    expect(nhs).toHaveAttribute('aria-invalid', 'true');
    expect(nhs.getAttribute('aria-describedby')).toContain('nhsNumber-error');
    expect(container.querySelector('#nhsNumber-error')).toHaveTextContent('Error: NHS number must be 10 digits');
    expect(onsaved).not.toHaveBeenCalled();
    await expectNoAxeViolations(container);

    // Following a summary link moves focus to the input.
    await user.click(screen.getByRole('link', { name: 'NHS number must be 10 digits' }));
    expect(document.activeElement).toBe(nhs);
  });

  it('shows hostile text as text, never as markup', async () => {
    const { user, container } = setup();
    rejectWith({ code: 'conflict', message: '<img src=x onerror=alert(1)> already recorded', field: '' });
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('<img src=x onerror=alert(1)> already recorded');
    expect(container.querySelector('img')).toBeNull();
  });

  it('turns an unknown failure into a plain apology', async () => {
    const { user } = setup();
    rejectWith('error parsing arguments: json: cannot unmarshal number into string');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    const summary = await screen.findByRole('alert');
    expect(summary).toHaveTextContent('Sorry, there is a problem with the app');
    expect(summary).not.toHaveTextContent('unmarshal');
  });

  describe('someone who may already be recorded', () => {
    const duplicate = {
      code: 'conflict',
      message: 'There is already a Derek Johnson born 9 August 1962',
      field: 'givenName',
      personId: 12,
    };

    async function typeDerek(user: ReturnType<typeof userEvent.setup>) {
      await user.type(screen.getByLabelText('Given name'), 'Dеrek'); // Cyrillic е
      await user.type(screen.getByLabelText('Family name'), 'Johnson');
      await user.type(screen.getByLabelText('Day'), '9');
      await user.type(screen.getByLabelText('Month'), '8');
      await user.type(screen.getByLabelText('Year'), '1962');
      await user.click(screen.getByRole('button', { name: 'Save person' }));
    }

    it('names them, links to their record, and saves only when told they differ', async () => {
      const { user, container, onsaved } = setup();
      findPerson.mockResolvedValue({ id: 12, displayName: 'Derek Johnson' });
      rejectWith(duplicate);
      await typeDerek(user);

      const warning = await screen.findByRole('alert');
      expect(warning).toHaveTextContent('This person may already be recorded');
      expect(warning).toHaveTextContent('There is already a Derek Johnson born 9 August 1962.');
      const link = screen.getByRole('link', { name: 'Open the record for Derek Johnson' });
      expect(link).toHaveAttribute('href', '#/people/12');
      expect(document.activeElement).toBe(warning);
      expect(findPerson).toHaveBeenCalledWith(12);
      expect(container.querySelector('.nhsuk-error-summary')).toBeNull();
      expect(screen.getByLabelText('Given name')).toHaveValue('Dеrek');
      expect(onsaved).not.toHaveBeenCalled();
      expect(createPerson).toHaveBeenLastCalledWith(expect.objectContaining({ differentFrom: [] }));
      expect(document.title).toBe('Check: Add a person – What Matters');
      await expectNoAxeViolations(container);

      const saved = { id: 13, displayName: 'Dеrek Johnson' };
      createPerson.mockResolvedValue(saved);
      await user.click(screen.getByRole('button', { name: 'This is a different person, save anyway' }));
      expect(createPerson).toHaveBeenLastCalledWith(
        expect.objectContaining({ givenName: 'Dеrek', dateOfBirth: '1962-08-09', differentFrom: [12] }),
      );
      expect(onsaved).toHaveBeenCalledWith(saved);
      expect(screen.queryByRole('alert')).toBeNull();
    });

    it('still links to the record if their name cannot be read', async () => {
      const { user } = setup();
      findPerson.mockRejectedValue({ code: 'not_found', message: 'There is no record for this person', field: '' });
      rejectWith(duplicate);
      await typeDerek(user);
      expect(await screen.findByRole('link', { name: 'Open their record' })).toHaveAttribute('href', '#/people/12');
    });

    it('a second match after saving anyway is named too', async () => {
      const { user } = setup();
      findPerson.mockImplementation(async (id: number) => ({ id, displayName: `Derek Johnson ${id}` }));
      rejectWith(duplicate);
      await typeDerek(user);
      rejectWith({ ...duplicate, personId: 14 });
      await user.click(await screen.findByRole('button', { name: 'This is a different person, save anyway' }));
      expect(await screen.findByRole('link', { name: 'Open the record for Derek Johnson 14' })).toHaveAttribute(
        'href',
        '#/people/14',
      );
      expect(createPerson).toHaveBeenLastCalledWith(expect.objectContaining({ differentFrom: [12] }));
    });

    it('shows hostile names as text', async () => {
      const { user, container } = setup();
      findPerson.mockResolvedValue({ id: 12, displayName: '<img src=x onerror=alert(1)>' });
      rejectWith({ ...duplicate, message: 'There is already a <img src=x onerror=alert(1)> born 9 August 1962' });
      await typeDerek(user);
      await screen.findByRole('link', { name: 'Open the record for <img src=x onerror=alert(1)>' });
      expect(container.querySelector('img')).toBeNull();
    });

    it('a conflict without a person id is an ordinary error', async () => {
      const { user } = setup();
      rejectWith({
        code: 'conflict',
        message: 'NHS number 943 476 5919 is already recorded',
        field: 'nhsNumber',
        personId: -1,
      });
      await typeDerek(user);
      const summary = await screen.findByRole('alert');
      expect(summary).toHaveTextContent('There is a problem');
      expect(screen.queryByText('This person may already be recorded')).toBeNull();
    });
  });

  it('shows the message for a hidden character beside the field and in the summary', async () => {
    const { user, container } = setup();
    const message =
      'Given name must not contain hidden formatting characters (such as zero-width spaces or direction marks). Retype it';
    rejectWith({ code: 'invalid', message, field: 'givenName' });
    await user.type(screen.getByLabelText('Given name'), 'Der\u200Bek');
    await user.click(screen.getByRole('button', { name: 'Save person' }));
    const summary = await screen.findByRole('alert');
    expect(summary.querySelector('a')).toHaveTextContent(message);
    expect(container.querySelector('#givenName-error')).toHaveTextContent(`Error: ${message}`);
    expect(screen.getByLabelText('Given name')).toHaveValue('Der\u200Bek');
  });
});
