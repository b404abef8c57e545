import { z } from 'zod';

export const ModelConfigSchema = z.object({
  vocabSize: z.number().int().positive(),
  contextLength: z.number().int().positive(),
  dModel: z.number().int().positive(),
  nLayers: z.number().int().positive(),
  nHeads: z.number().int().positive(),
  /**
   * How a token knows its place: `learned` position embeddings (GPT-2, the default); `none` (NoPE:
   * only the causal mask orders the tokens); `alibi` (no embeddings, attention scores penalised by
   * distance, alibi-bias.ts). Without learned positions wpe stays in the layout, unused and untrained.
   */
  positions: z.enum(['learned', 'none', 'alibi']).optional(),
}).refine((c) => c.dModel % 8 === 0 && c.dModel % (4 * c.nHeads) === 0, {
  // The SIMD kernels step four float lanes through each head and eight output columns at a time.
  message: 'must be a multiple of 8 and of 4 x nHeads, so that each head\'s size is a multiple of 4',
  path: ['dModel'],
});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;

/** Whether tokens add a learned position embedding (wpe); not with positions none or alibi. */
export const learnsPositions = (cfg: ModelConfig): boolean => (cfg.positions ?? 'learned') === 'learned';

export interface TensorSpec {
  name: string;
  shape: number[];
  offset: number;
  size: number;
}

/**
 * All parameters live in one Float32Array (so Adam, gradient sums and worker sharing are single
 * loops over one buffer); this lists each named tensor's slice. Linear weights are [out, in].
 */
export function parameterLayout(cfg: ModelConfig): { tensors: TensorSpec[]; total: number; byName: Map<string, TensorSpec> } {
  const C = cfg.dModel;
  const shapes: [string, number[]][] = [
    ['wte', [cfg.vocabSize, C]],
    ['wpe', [cfg.contextLength, C]],
  ];
  for (let l = 0; l < cfg.nLayers; l++) {
    shapes.push(
      [`h.${l}.ln1.w`, [C]], [`h.${l}.ln1.b`, [C]],
      [`h.${l}.qkv.w`, [3 * C, C]], [`h.${l}.qkv.b`, [3 * C]],
      [`h.${l}.proj.w`, [C, C]], [`h.${l}.proj.b`, [C]],
      [`h.${l}.ln2.w`, [C]], [`h.${l}.ln2.b`, [C]],
      [`h.${l}.fc.w`, [4 * C, C]], [`h.${l}.fc.b`, [4 * C]],
      [`h.${l}.fcproj.w`, [C, 4 * C]], [`h.${l}.fcproj.b`, [C]],
    );
  }
  shapes.push(['lnf.w', [C]], ['lnf.b', [C]]);
  const tensors: TensorSpec[] = [];
  let offset = 0;
  for (const [name, shape] of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    tensors.push({ name, shape, offset, size });
    offset += size;
  }
  return { tensors, total: offset, byName: new Map(tensors.map((t) => [t.name, t])) };
}

export interface LayerOffsets {
  ln1w: number; ln1b: number; qkvw: number; qkvb: number; projw: number; projb: number;
  ln2w: number; ln2b: number; fcw: number; fcb: number; fcprojw: number; fcprojb: number;
}

export interface Offsets {
  wte: number;
  wpe: number;
  layers: LayerOffsets[];
  lnfw: number;
  lnfb: number;
}

export function parameterOffsets(cfg: ModelConfig): Offsets {
  const { byName } = parameterLayout(cfg);
  const at = (name: string): number => {
    const t = byName.get(name);
    if (!t) throw new Error(`no tensor ${name} in the parameter layout`);
    return t.offset;
  };
  const layers: LayerOffsets[] = [];
  for (let l = 0; l < cfg.nLayers; l++) {
    const p = `h.${l}.`;
    layers.push({
      ln1w: at(p + 'ln1.w'), ln1b: at(p + 'ln1.b'), qkvw: at(p + 'qkv.w'), qkvb: at(p + 'qkv.b'),
      projw: at(p + 'proj.w'), projb: at(p + 'proj.b'), ln2w: at(p + 'ln2.w'), ln2b: at(p + 'ln2.b'),
      fcw: at(p + 'fc.w'), fcb: at(p + 'fc.b'), fcprojw: at(p + 'fcproj.w'), fcprojb: at(p + 'fcproj.b'),
    });
  }
  return { wte: at('wte'), wpe: at('wpe'), layers, lnfw: at('lnf.w'), lnfb: at('lnf.b') };
}
