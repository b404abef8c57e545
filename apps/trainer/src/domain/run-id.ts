/**
 * Run ids reach file paths (<runs_dir>/<run_id>), so only these may pass: letters, digits, '-' and
 * '_', 1..64 characters, and never "." or ".." (which contain no allowed character anyway).
 */
export const RUN_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
