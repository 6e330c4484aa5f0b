/**
 * Shared by every `db/<orm>.ts` module: where the per-case SQLite file is and the
 * shape of the hidden `__harness` export the runtime runner uses (warm up, close,
 * ORM-specific normalisation of results). Examples never need to import this.
 */
export interface HarnessHooks {
  /** Runs one cheap query through the ORM so connection set-up is not counted. */
  warm(): Promise<void>;
  /** Closes every connection so the process can exit. */
  close(): Promise<void>;
  /**
   * Optional ORM-specific conversion of a result value to plain data. Return
   * `undefined` to fall back to the generic normaliser (toJSON, arrays, objects).
   */
  plain?(value: unknown): unknown;
}

export function caseDatabaseFile(): string {
  const file = process.env.ORM_CASE_DB;
  if (!file) {
    throw new Error('ORM_CASE_DB is not set: db modules are meant to be loaded by test/runtime/runner.mjs');
  }
  return file;
}
