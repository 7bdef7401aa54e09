// Search as you type: the query, the latest results, and nothing stale.
import { api, type PersonMatch } from '../api';
import { statusApi } from '../api/status';

export class PeopleSearch {
  query = $state('');
  people = $state<PersonMatch[]>([]);
  total = $state(0);
  error = $state('');
  loaded = $state(false);
  /** also find people no longer supported */
  inactive = $state(false);
  #seq = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private delay = 120) {}

  /** Runs the search after a short pause in typing. */
  schedule() {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.run(), this.delay);
  }

  /** Runs the search now; answers to older queries are ignored. */
  async run() {
    const seq = ++this.#seq;
    try {
      const res = this.inactive
        ? await statusApi.searchPeople(this.query, 0, true)
        : await api.searchPeople(this.query, 0);
      if (seq !== this.#seq) return;
      this.people = res.people;
      this.total = res.total;
      this.error = '';
    } catch (e) {
      if (seq !== this.#seq) return;
      this.error = (e as { message?: string }).message ?? 'Search failed';
    } finally {
      if (seq === this.#seq) this.loaded = true;
    }
  }
}
