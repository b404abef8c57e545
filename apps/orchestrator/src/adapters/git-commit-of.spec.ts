import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { gitCommitOf } from './git-commit-of';

describe('gitCommitOf', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'git-commit-of-'));
  const repo = path.join(dir, 'repo');
  const git = (...args: string[]) => execa('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: repo });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('gives HEAD of the checkout a folder is in, and whether tracked files were changed since', async () => {
    fs.mkdirSync(path.join(repo, 'src'), { recursive: true });
    await git('init', '-q');
    fs.writeFileSync(path.join(repo, 'src', 'a.txt'), 'a\n');
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    const head = (await git('rev-parse', 'HEAD')).stdout.trim();

    expect(await gitCommitOf(path.join(repo, 'src'))).toEqual({ git_commit: head, git_dirty: false });
    fs.writeFileSync(path.join(repo, 'untracked.txt'), 'new\n');
    expect(await gitCommitOf(repo)).toEqual({ git_commit: head, git_dirty: false });
    fs.writeFileSync(path.join(repo, 'src', 'a.txt'), 'changed\n');
    expect(await gitCommitOf(repo)).toEqual({ git_commit: head, git_dirty: true });
  });

  it('gives nothing outside a checkout', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'no-git-'));
    expect(await gitCommitOf(outside)).toEqual({});
  });
});
