/**
 * Character tokenizer over printable ASCII plus newline, with an end-of-text token that closes
 * every completion and an unknown token for anything else. The vocabulary is stored in the
 * checkpoint's config.json so a checkpoint always decodes with the alphabet it was trained on.
 */
export const EOS = '<|eos|>';
export const UNK = '<|unk|>';

export function defaultVocab(): string[] {
  const chars = ['\n'];
  for (let c = 32; c < 127; c++) chars.push(String.fromCharCode(c));
  return [EOS, UNK, ...chars];
}

export class CharTokenizer {
  readonly eos: number;
  private readonly unk: number;
  private readonly index: Map<string, number>;

  constructor(readonly vocab: readonly string[]) {
    this.index = new Map(vocab.map((s, i) => [s, i]));
    const eos = this.index.get(EOS);
    const unk = this.index.get(UNK);
    if (eos === undefined || unk === undefined) throw new Error('vocabulary lacks the <|eos|> or <|unk|> token');
    this.eos = eos;
    this.unk = unk;
  }

  get size(): number {
    return this.vocab.length;
  }

  encode(text: string): number[] {
    const out: number[] = [];
    for (const ch of text) out.push(this.index.get(ch) ?? this.unk);
    return out;
  }

  /** Special tokens decode to nothing, so generated text never contains them. */
  decode(tokens: Iterable<number>): string {
    let s = '';
    for (const t of tokens) if (t !== this.eos && t !== this.unk) s += this.vocab[t] ?? '';
    return s;
  }

  decodeToken(t: number): string {
    return t === this.eos || t === this.unk ? '' : this.vocab[t] ?? '';
  }
}
