import { DecodePlan } from './decode-rows';
import { DecodeThread } from './decode-thread';
import { ModelConfig, parameterOffsets } from './model-config';
import { SHARED_MEMORY_MAX_PAGES } from './wasm-assembler';
import { decodeModule } from './wasm-kernels';

describe('DecodeThread', () => {
  const cfg: ModelConfig = { vocabSize: 13, contextLength: 32, dModel: 16, nLayers: 1, nHeads: 2 };
  const plan: DecodePlan = {
    cfg, off: parameterOffsets(cfg), packed: [{ qkv: 0, proj: 0, fc: 0, fcproj: 0 }], head: 0, bias: 0, cache: 0, slotFloats: 2 * 32 * 16, vocabPadded: 16,
  };

  it('reports rows it failed on as an error of the step, not as wrong numbers, and stops when closed', async () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: SHARED_MEMORY_MAX_PAGES, shared: true });
    const thread = new DecodeThread({ module: decodeModule(8, false, 'shared'), memory, plan, thread: 1 });
    await thread.started;
    expect(thread.ready).toBe(true);
    // Activations far past the end of a one-page memory: the kernels trap on the first read.
    thread.start(1 << 24, 8, 4, 8);
    expect(() => thread.finish()).toThrow('decode thread failed on rows 4..8 (its error is on stderr)');
    expect(thread.ready).toBe(false);
    await thread.close();
  });
});
