import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { hostFacts } from './host-facts';

// Real executables on a real PATH: what the preflight runs is `nvidia-smi -L`, found like any command.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'host-facts-'));
const script = (name: string, body: string, mode = 0o755) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode });

describe('hostFacts', () => {
  it('finds executables on PATH or by path, not plain files, and counts the GPUs nvidia-smi lists', async () => {
    script('vllm', 'exit 0');
    script('not-executable', 'exit 0', 0o644);
    script('nvidia-smi', 'echo "GPU 0: NVIDIA H100 (UUID: GPU-a)"\necho "GPU 1: NVIDIA H100 (UUID: GPU-b)"');
    const facts = await hostFacts({ PATH: `${dir}:/usr/bin:/bin` });
    expect([facts.runnable('vllm'), facts.runnable(path.join(dir, 'vllm')), facts.runnable('not-executable'), facts.runnable('llamafactory-cli')]).toEqual([true, true, false, false]);
    expect(facts.gpus).toBe(2);
  });

  it('says why no GPU is listed', async () => {
    expect((await hostFacts({ PATH: '/nonexistent' })).gpus).toEqual({ error: 'nvidia-smi is not on PATH' });
    script('nvidia-smi', 'echo "NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver." >&2\nexit 9');
    expect((await hostFacts({ PATH: dir })).gpus).toEqual({ error: 'nvidia-smi -L failed: NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.' });
  });
});
