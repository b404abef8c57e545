import { BinaryWriter, WireType } from '@bufbuild/protobuf/wire';
import { contractRegistry, StartRunRequest, VerifyRequest, WatchRunRequest } from '@aero/contracts';
import { wireFormatViolation } from './wire-format-violation';

const message = (name: string) => {
  const desc = contractRegistry().getMessage(`aero.v1.${name}`);
  if (!desc) throw new Error(`no aero.v1.${name}`);
  return desc;
};
const violation = (name: string, bytes: Uint8Array) => wireFormatViolation(message(name), bytes);
const writer = () => new BinaryWriter();

describe('wireFormatViolation', () => {
  it('passes what the generated encoders write: nested messages, lists (packed too), maps, 64-bit integers, UTF-8', () => {
    const verify = VerifyRequest.encode({
      run_id: 'r',
      round: 1,
      question: { id: 'q', text: 'Zwölf − 3 = ?', meta: { knowledge_points: ['a', 'b'], domain: 'd', background: '' }, parsed: true, prompt: 'p', raw_output: '', round: 1, index: 0 },
      solver_prompt: 's',
      samples: [{ index: 0, text: 't', answer: '9', parsed: true, finish_reason: 1, completion_tokens: 3 }],
      analysis: { clusters: [{ key: '9', count: 1, representative: 't', member_indexes: [0, 5, 300] }], total_valid: 1, sample_count: 1, entropy: 0.5, normalized_entropy: 1, status: 2 },
      solver_labels: 1,
      refiner_temperature: 0.7,
      seed: 4_294_967_294,
      allow_judge: true,
      labeller: 1,
      icc_consensus: 2,
    }).finish();
    expect(violation('VerifyRequest', verify)).toBeUndefined();
    expect(violation('StartRunRequest', StartRunRequest.encode({ name: 'n', config_overrides: { 'aero.rounds': '2', x: '' } } as StartRunRequest).finish())).toBeUndefined();
    expect(violation('WatchRunRequest', WatchRunRequest.encode({ run_id: 'r', from_sequence: Number.MAX_SAFE_INTEGER }).finish())).toBeUndefined();
    // unpacked repeated scalars are legal too, and so are fields this version does not know
    const unpacked = writer().uint32(4 << 3).uint32(2).uint32(4 << 3).uint32(7).uint32(99 << 3 | WireType.LengthDelimited).string('future').finish();
    expect(violation('Cluster', unpacked)).toBeUndefined();
  });

  it('names a field sent with a wire type that is not its type’s, which the decoders would skip', () => {
    expect(violation('ExtractAnswerRequest', writer().tag(1, WireType.Varint).uint32(5).finish())).toEqual({
      field: 'text',
      description: 'has wire type VARINT (0), expected LEN (2) for a string',
    });
    expect(violation('WatchRunRequest', writer().tag(2, WireType.LengthDelimited).string('7').finish())?.field).toBe('from_sequence');
    expect(violation('GenerateRequest', writer().tag(4, WireType.Bit32).fixed32(1).finish())?.field).toBe('temperature');
    expect(violation('StartRunRequest', writer().tag(2, WireType.Varint).uint32(1).finish())?.field).toBe('config_overrides');
  });

  it('names nested fields by their path, list elements by their index', () => {
    const cluster = (memberIndexes: Uint8Array) => writer().tag(1, WireType.LengthDelimited).bytes(memberIndexes).finish();
    const badCluster = writer().tag(4, WireType.Bit64).fixed64(1).finish();
    const analysis = writer().tag(1, WireType.LengthDelimited).bytes(cluster(new Uint8Array())).tag(1, WireType.LengthDelimited).bytes(badCluster).finish();
    const request = writer().tag(6, WireType.LengthDelimited).bytes(analysis).finish();
    expect(violation('VerifyRequest', request)?.field).toBe('analysis.clusters.1.member_indexes');
    const stop = writer().tag(8, WireType.LengthDelimited).string('a').tag(8, WireType.LengthDelimited).bytes(new Uint8Array([0xff])).finish();
    expect(violation('GenerateRequest', stop)).toEqual({ field: 'stop.1', description: 'is not valid UTF-8' });
  });

  it('names the field whose value is cut off or malformed, and the request where no tag parses', () => {
    expect(violation('ExtractAnswerRequest', new Uint8Array([1 << 3 | WireType.LengthDelimited, 100, 0x41]))).toEqual({
      field: 'text',
      description: 'is cut off: 100 bytes announced, 1 left',
    });
    expect(violation('ExtractAnswerRequest', new Uint8Array([0xff, 0xff, 0xff]))?.field).toBe('(request)');
    expect(violation('ExtractAnswerRequest', new Uint8Array([0]))).toEqual({ field: '(request)', description: 'holds no valid field tag at byte 0' });
    expect(violation('ExtractAnswerRequest', new Uint8Array([2 << 3 | 7, 1]))?.field).toBe('(request)');
    expect(violation('ExtractAnswerRequest', new Uint8Array([2 << 3, ...Array(11).fill(0xff), 1]))?.field).toBe('mode');
    expect(violation('ExtractAnswerRequest', new Uint8Array([...writer().tag(99, WireType.Varint).finish(), ...Array(11).fill(0xff), 1]))).toEqual({ field: '(request)', description: 'has an unknown field 99 that does not parse' });
    expect(violation('GenerateRequest', new Uint8Array([4 << 3 | WireType.Bit64, 1, 2]))?.field).toBe('temperature');
    // a nested message whose last field runs past the message's own end
    const thresholds = new Uint8Array([2 << 3 | WireType.LengthDelimited, 2, 1 << 3 | WireType.Bit64, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(violation('AnalyzeRequest', thresholds)?.field).toBe('thresholds');
  });

  it('names an integer beyond its type, which the decoders would cut to 32 bits or refuse without naming it', () => {
    expect(violation('GenerateRequest', writer().tag(3, WireType.Varint).uint64(2n ** 32n + 5n).finish())).toEqual({
      field: 'n',
      description: 'is 4294967301, beyond the range of a uint32',
    });
    expect(violation('ExtractAnswerRequest', writer().tag(2, WireType.Varint).int64(2n ** 31n).finish())?.field).toBe('mode');
    // a negative int32 travels as a 10-byte varint, and is fine
    expect(violation('ExtractAnswerRequest', writer().tag(2, WireType.Varint).int32(-1).finish())).toBeUndefined();
    const tooBig = writer().tag(2, WireType.Varint).uint64(2n ** 53n).finish();
    expect(violation('WatchRunRequest', tooBig)?.description).toMatch(/^is 9007199254740992, beyond/);
    expect(violation('GenerateRequest', writer().tag(7, WireType.Varint).int64(-(2n ** 60n)).finish())?.field).toBe('seed');
  });

});
