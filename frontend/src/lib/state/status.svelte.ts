// Whether the person on screen is still supported: read once when their
// record opens, replaced when a status is recorded or they are supported
// again, so the banner and the forms agree.
import { statusApi, type PersonStatus } from '../api/status';

class StatusState {
  personId = $state(0);
  current = $state<PersonStatus | null>(null);

  async load(personId: number) {
    this.personId = personId;
    this.current = null;
    try {
      const st = await statusApi.find(personId);
      if (this.personId === personId) this.current = st;
    } catch {
      // the record's own load shows the problem
    }
  }

  set(personId: number, st: PersonStatus) {
    this.personId = personId;
    this.current = st;
  }
}

export const personStatus = new StatusState();
