import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { engineCli, startServe } from './testing/start-serve';
import { STANDBY_JOB_DONE } from './train-command';
import { writeKtoRun } from './testing/write-kto-run';
import { writeTinyCheckpoint } from './testing/write-tiny-checkpoint';

jest.setTimeout(90_000);

describe('train CLI', () => {
  it('trains from a YAML config into a checkpoint that serve loads and the openai client queries', async () => {
    const run = writeKtoRun(writeTinyCheckpoint(41), [
      { prompt: 'Solve 1+1\n', completion: '1+1=2\n\\boxed{2}', label: true },
      { prompt: 'Solve 1+1\n', completion: '1+1=3\n\\boxed{3}', label: false },
      { prompt: 'Solve 2*2\n', completion: '2*2=4\n\\boxed{4}', label: true },
    ]);
    // Relative paths in the config resolve against the caller's directory, as with llamafactory-cli.
    const r = await engineCli(['train', path.basename(run.config)], { cwd: run.dir });
    expect(r.stderr).toContain('"event":"ignored_key","key":"bf16"');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '')).toMatchObject({ event: 'train_done', total_steps: 1 });
    expect(readFileSync(path.join(run.outputDir, 'trainer_log.jsonl'), 'utf8')).toContain('"current_steps":1');
    const served = await startServe(run.outputDir, ['--served-model-name', 'round1']);
    try {
      const client = new OpenAI({ baseURL: served.baseURL, apiKey: 'unused', maxRetries: 0 });
      const c = await client.chat.completions.create({ model: 'round1', messages: [{ role: 'user', content: 'Solve 1+1\n' }], n: 2, max_tokens: 8 });
      expect(c.choices).toHaveLength(2);
    } finally {
      expect(await served.stop()).toBe(0);
    }
  });

  it('trains each job handed to a standby process on stdin to the same bits as when started with it', async () => {
    const records = [
      { prompt: 'Solve 1+1\n', completion: '1+1=2\n\\boxed{2}', label: true },
      { prompt: 'Solve 1+1\n', completion: '1+1=3\n\\boxed{3}', label: false },
    ];
    const model = writeTinyCheckpoint(43);
    const direct = writeKtoRun(model, records);
    const warm = [writeKtoRun(model, records), writeKtoRun(model, records, { learning_rate: 1e-2 })];
    const other = writeKtoRun(model, records, { learning_rate: 1e-2 });
    expect((await engineCli(['train', direct.config])).exitCode).toBe(0);
    expect((await engineCli(['train', other.config])).exitCode).toBe(0);
    // Started elsewhere: the relative config path and the config's own paths resolve against each job's cwd.
    const input = warm.map((w) => JSON.stringify({ config: path.basename(w.config), cwd: w.dir }) + '\n').join('');
    const r = await engineCli(['train', '--standby', '--workers', '2'], { cwd: os.tmpdir(), input });
    expect(r.stderr).not.toContain('error');
    expect(r.exitCode).toBe(0);
    const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { event: string; output_dir?: string });
    expect(events.map((e) => e.event)).toEqual(['train_done', STANDBY_JOB_DONE.event, 'train_done', STANDBY_JOB_DONE.event]);
    expect(events.filter((e) => e.output_dir).map((e) => e.output_dir)).toEqual(warm.map((w) => w.outputDir));
    const weights = (dir: string) => readFileSync(path.join(dir, 'model.safetensors'));
    // The second job ran on the workers the first one used, and is trained as in a process of its own.
    expect(weights(warm[0].outputDir).equals(weights(direct.outputDir))).toBe(true);
    expect(weights(warm[1].outputDir).equals(weights(other.outputDir))).toBe(true);
    expect(weights(warm[1].outputDir).equals(weights(direct.outputDir))).toBe(false);
  });

  it('ends a standby when a job fails, as the job would end its own process', async () => {
    const input = JSON.stringify({ config: '/nonexistent/kto.yaml', cwd: os.tmpdir() }) + '\n';
    const r = await engineCli(['train', '--standby'], { input });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('config file not found: /nonexistent/kto.yaml');
    expect(r.stdout).not.toContain(STANDBY_JOB_DONE.event);
  });

  it('ends a standby quietly when stdin closes with no job, and refuses a bad job line naming what is wrong', async () => {
    const idle = await engineCli(['train', '--standby'], { input: '' });
    expect([idle.exitCode, idle.stdout, idle.stderr]).toEqual([0, '', '']);
    const cases: [string, string][] = [
      ['not json', 'each stdin line must be JSON'],
      ['{"cwd": "/tmp"}', 'needs "config"'],
      ['{"config": "kto.yaml", "cwd": "relative"}', 'needs "cwd", an absolute folder'],
    ];
    for (const [line, message] of cases) {
      const r = await engineCli(['train', '--standby'], { input: line + '\n' });
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain(message);
    }
    const both = await engineCli(['train', '--standby', 'kto.yaml']);
    expect(both.stderr).toContain('reads its CONFIG.yaml from stdin');
  });

  it('fails with a message naming a missing config', async () => {
    const r = await engineCli(['train', '/nonexistent/kto.yaml']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('config file not found: /nonexistent/kto.yaml');
  });
});
