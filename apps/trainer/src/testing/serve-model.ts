import * as path from 'node:path';
import * as readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { repoRoot } from '@aero/testing';

/**
 * Serves a checkpoint with the embedded engine's own `serve` CLI, asks it one chat completion by the
 * served name, stops it, and returns the completion's choices.
 */
export async function askServedModel(modelDir: string, prompt: string): Promise<{ status: number; choices: unknown[] }> {
  const tsx = pathToFileURL(require.resolve('tsx')).href;
  const main = path.join(repoRoot, 'apps/engine/src/main.ts');
  const serve = execa(process.execPath, ['--import', tsx, main, 'serve', modelDir, '--port', '0', '--served-model-name', 'trained'], {
    reject: false,
    buffer: false,
    stdin: 'ignore',
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      readline.createInterface({ input: serve.stdout! }).on('line', (line) => {
        const event = JSON.parse(line) as { event?: string; port?: number };
        if (event.event === 'listening' && event.port) resolve(event.port);
      });
      void serve.then((r) => reject(new Error(`serve exited early with ${r.exitCode}`)));
    });
    const response = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'trained', messages: [{ role: 'user', content: prompt }], n: 2, max_tokens: 8, temperature: 1 }),
    });
    const body = (await response.json()) as { choices?: unknown[] };
    return { status: response.status, choices: body.choices ?? [] };
  } finally {
    serve.kill('SIGTERM');
    await serve;
  }
}
