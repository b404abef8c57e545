/**
 * How a process started by startProcessGroup learns that its parent died: the parent holds one end of
 * a pipe whose other end is the child's file descriptor `fd`, and puts its own process id in the
 * environment variable `env`. The kernel closes the parent's end when the parent exits in any manner,
 * SIGKILL included, so the child reads end-of-file then. The variable marks the descriptor as that
 * pipe: a process started any other way (by a person, a shell, a test) has no such variable.
 */
export const PARENT_PIPE = { env: 'AERO_PARENT_PIPE', fd: 3 } as const;
