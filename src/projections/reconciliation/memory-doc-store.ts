import type { DocEntry, DocStore } from './recon-fold.js';

/** Documents held in memory: the whole set during a rebuild or a replay, one batch's worth live. */
export class MemoryDocStore implements DocStore {
  readonly entries = new Map<string, DocEntry>();
  private readonly dirty = new Set<string>();

  get(key: string): DocEntry | undefined {
    return this.entries.get(key);
  }

  set(entry: DocEntry): void {
    this.entries.set(entry.doc.key, entry);
    this.dirty.add(entry.doc.key);
  }

  /** Loaded from storage: known, but nothing to write back. */
  load(entry: DocEntry): void {
    this.entries.set(entry.doc.key, entry);
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  get pendingWrites(): number {
    return this.dirty.size;
  }

  takeDirty(): DocEntry[] {
    const entries = [...this.dirty].map((key) => this.entries.get(key)!);
    this.dirty.clear();
    return entries;
  }

  clear(): void {
    this.entries.clear();
    this.dirty.clear();
  }
}
