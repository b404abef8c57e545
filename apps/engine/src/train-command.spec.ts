import { readFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import { engineCli, startServe } from './testing/start-serve';
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
    expect(r.stderr).toContain('"event":"ignored_key","key":"lora_rank"');
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

  it('fails with a message naming a missing config', async () => {
    const r = await engineCli(['train', '/nonexistent/kto.yaml']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('config file not found: /nonexistent/kto.yaml');
  });
});
