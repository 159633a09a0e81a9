// Results derived from one file's text alone (its lint view, the vault names it documents, the
// roles a playbook applies), kept from one lint context to the next for as long as the file's
// text is unchanged. After an edit of one file of a large repo, only that file's share is worked
// out again, and a repo-wide value folded from every file's share is reused when the edited
// file's share did not change.

interface Entry {
  text: string | undefined;
  values: Map<string, unknown>;
}

export class FileResults {
  private readonly entries = new Map<string, Entry>();
  /**
   * What the previous results held: their maps, not the results themselves, so that no chain of
   * earlier results stays in memory. Their entries are taken over on first use while the text
   * is the same; an entry is never edited for another text, so sharing it is safe.
   */
  private readonly before?: { texts: ReadonlyMap<string, string>; entries: ReadonlyMap<string, Entry> };
  private changed?: ReadonlySet<string>;

  constructor(
    private readonly texts: ReadonlyMap<string, string>,
    previous?: FileResults,
  ) {
    if (previous) this.before = { texts: previous.texts, entries: previous.entries };
  }

  get<T>(file: string, key: string, compute: () => T): T {
    const text = this.texts.get(file);
    let entry = this.entries.get(file);
    if (!entry) {
      const earlier = this.before?.entries.get(file);
      entry = earlier !== undefined && earlier.text === text ? earlier : { text, values: new Map() };
      this.entries.set(file, entry);
    }
    if (!entry.values.has(key)) entry.values.set(key, compute());
    return entry.values.get(key) as T;
  }

  /**
   * A repo-wide value folded from every file's share (`share(file)`, kept under `key`): the
   * previous value when no file changed since the previous results, or none of the changed
   * files' shares did; otherwise `fold()` works it out again.
   */
  folded<T>(key: string, previousValue: T | undefined, share: (file: string) => readonly string[], fold: () => T): T {
    if (previousValue === undefined || !this.before) return fold();
    for (const file of this.changedFiles()) {
      const before = this.shareBefore(file, key);
      const now = this.texts.has(file) ? share(file) : [];
      if (before === undefined || before.length !== now.length || before.some((item, i) => item !== now[i])) return fold();
    }
    return previousValue;
  }

  /** True when no file was added or removed since the previous results (texts may have changed). */
  sameFiles(): boolean {
    if (!this.before) return false;
    for (const file of this.changedFiles()) if (!this.texts.has(file) || !this.before.texts.has(file)) return false;
    return true;
  }

  /** Files whose text differs from the previous results' texts (added and removed files included). */
  private changedFiles(): ReadonlySet<string> {
    if (this.changed) return this.changed;
    const changed = new Set<string>();
    const before = this.before?.texts ?? new Map<string, string>();
    let kept = 0;
    for (const [file, text] of this.texts) {
      const old = before.get(file);
      if (old !== text) changed.add(file);
      if (old !== undefined) kept++;
    }
    // Every earlier file is still there when as many were kept as there were: nothing to look for.
    if (kept !== before.size) for (const file of before.keys()) if (!this.texts.has(file)) changed.add(file);
    this.changed = changed;
    return changed;
  }

  /** A file's share under `key` as the previous results knew it: [] for a file they did not hold, undefined when never worked out. */
  private shareBefore(file: string, key: string): readonly string[] | undefined {
    const text = this.before?.texts.get(file);
    if (text === undefined) return [];
    const entry = this.before?.entries.get(file);
    return entry?.text === text ? (entry.values.get(key) as readonly string[] | undefined) : undefined;
  }
}
