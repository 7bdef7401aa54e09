import { render, screen, within } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import DetailsCards from './DetailsCards.svelte';
import { anna } from '../../test/fixtures';
import { expectNoAxeViolations } from '../../test/axe';

describe('DetailsCards', () => {
  it('shows each group of details in a card, choices by their labels, with Change links', async () => {
    const person = anna();
    person.details = {
      ...person.details,
      address: 'Flat 6, 27 Chapel Street\nRiverside',
      postcode: 'RV1 4QT',
      preferredContact: 'letter',
      gpName: 'Riverside Surgery',
      gpPhone: '01632 960 000',
      livesAlone: 'yes',
      accessNotes: 'Knock loudly and wait',
    };
    const { container } = render(DetailsCards, { person });
    const contact = screen.getByRole('region', { name: 'Address and contact details' });
    expect(within(contact).getByText('RV1 4QT')).toBeInTheDocument();
    expect(within(contact).getByText('Letter')).toBeInTheDocument();
    expect(within(contact).getAllByText('Not recorded').length).toBeGreaterThan(0);
    const gp = screen.getByRole('region', { name: 'GP practice' });
    expect(within(gp).getByText('Riverside Surgery')).toBeInTheDocument();
    const home = screen.getByRole('region', { name: 'Home and getting in' });
    expect(within(home).getByText('Yes')).toBeInTheDocument();
    expect(within(home).getByText('Knock loudly and wait')).toBeInTheDocument();
    const links = within(home).getAllByRole('link');
    expect(links).toHaveLength(3);
    for (const a of links) expect(a).toHaveAttribute('href', '#/people/1/edit');
    await expectNoAxeViolations(container);
  });
});
