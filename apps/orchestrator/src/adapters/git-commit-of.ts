import type { RunVersions } from '../domain/run-meta';

/**
 * The commit checked out where `dir` is, and whether tracked files differ from it; empty outside a
 * git checkout or where git is missing, so a run starts anyway and its report says "not recorded".
 */
export async function gitCommitOf(dir: string): Promise<Pick<RunVersions, 'git_commit' | 'git_dirty'>> {
  // execa is ESM-only: this CommonJS module loads it with import().
  const { execa } = await import('execa');
  const git = (args: string[]) => execa('git', args, { cwd: dir, reject: false, timeout: 15_000 });
  const head = await git(['rev-parse', 'HEAD']);
  const commit = head.exitCode === 0 ? String(head.stdout).trim() : '';
  if (!/^[0-9a-f]{40,64}$/.test(commit)) return {};
  const status = await git(['status', '--porcelain', '--untracked-files=no']);
  return status.exitCode === 0 ? { git_commit: commit, git_dirty: String(status.stdout).trim() !== '' } : { git_commit: commit };
}
