/** A snapshot and the source version it was taken at (updated_at; the fetch time when the source has none). */
export interface Normalised<S> {
  readonly snapshot: S;
  readonly version: string;
}
