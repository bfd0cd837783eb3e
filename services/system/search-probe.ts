/** Resolves when the configured search backend answers; rejects otherwise. */
export type SearchBackendProbe = () => Promise<void>;
