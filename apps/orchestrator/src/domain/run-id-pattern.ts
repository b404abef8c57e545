/**
 * A run id is also the name of its folder under runs_dir, so it must never be able to leave that
 * folder: letters, digits, '-' and '_' only, 1..64 characters, no dots or separators.
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
