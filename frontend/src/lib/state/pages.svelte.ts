// A list the backend sends a page at a time, newest first: what has come so
// far, how many there are in all, and the next page on asking.
import { problemOf } from './errors';

export interface Page<T> {
  entries: T[];
  total: number;
}

export class Pages<T> {
  entries = $state<T[]>([]);
  total = $state(0);
  /** true once the first page has come, or failed */
  loaded = $state(false);
  problem = $state('');
  readonly #fetch: (offset: number) => Promise<Page<T>>;

  /** fetch reads the page that starts at offset. */
  constructor(fetch: (offset: number) => Promise<Page<T>>) {
    this.#fetch = fetch;
  }

  /** true while there are older entries to ask for */
  get more(): boolean {
    return this.entries.length < this.total;
  }

  /** Reads the first page again, such as after a change adds an entry. */
  async reload() {
    this.entries = [];
    this.total = 0;
    this.problem = '';
    await this.next();
  }

  /** Adds the next page, or sets problem. */
  async next() {
    try {
      const page = await this.#fetch(this.entries.length);
      this.entries = [...this.entries, ...page.entries];
      this.total = page.total;
    } catch (e) {
      this.problem = problemOf(e);
    }
    this.loaded = true;
  }
}
