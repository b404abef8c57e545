import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { status as Status } from '@grpc/grpc-js';
import { BuildDatasetRequest, CancelJobRequest, GetJobRequest, JobState, Role, TrainerServiceClient, TrainRequest } from '@aero/contracts';
import { unaryCall, type CallSettings } from '@aero/service-kit';
import { describeServiceContract, failureOf } from '@aero/testing';
import { collectTrain } from './testing/collect-train';
import { fixtureRound, ktoExample } from './testing/kto-example';
import { startTrainer, type RunningTrainer } from './testing/start-trainer';
import { trainerEnv } from './testing/trainer-env';
import { writeNodeExecutable } from './testing/write-node-executable';
import { writeRun } from './testing/write-run';

jest.setTimeout(60_000);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-contract-'));
const runsDir = path.join(dir, 'runs');
// The llamafactory backend with an executable that does not exist: every error path before and at launch.
const env = trainerEnv(dir, { AERO__TRAINING__BACKEND: 'llamafactory', AERO__TRAINING__LLAMAFACTORY__CLI: 'no-such-llamafactory-cli' });

describeServiceContract({
  entry: 'apps/trainer/src/main.ts',
  service: 'aero.v1.TrainerService',
  client: TrainerServiceClient,
  malformed: { call: (c) => unaryCall(c.buildDataset.bind(c), BuildDatasetRequest.fromPartial({ run_id: '../etc', round: 1 })), field: 'run_id' },
  env,
});

describe('TrainerService RPCs', () => {
  let trainer: RunningTrainer;
  let client: TrainerServiceClient;
  const build = (request: Partial<BuildDatasetRequest>, settings?: CallSettings) =>
    unaryCall(client.buildDataset.bind(client), BuildDatasetRequest.fromPartial(request), settings);
  // A refusal by size must come before anything is built: well within a deadline that building would miss.
  const soon = () => ({ deadline: new Date(Date.now() + 5_000) });
  const train = (request: Partial<TrainRequest>) => collectTrain(client, TrainRequest.fromPartial(request));
  const baseModel = path.join(dir, 'some-model');

  beforeAll(async () => {
    writeRun(runsDir, 'run-a', [fixtureRound(1), fixtureRound(2), fixtureRound(3)]);
    writeRun(runsDir, 'all-good', [[ktoExample(Role.ROLE_GENERATOR, 1, 0, true), ktoExample(Role.ROLE_SOLVER, 1, 1, true)]]);
    fs.mkdirSync(baseModel);
    trainer = await startTrainer(env);
    client = trainer.client;
  });
  afterAll(async () => {
    await trainer?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('BuildDataset', () => {
    it('writes the staggered dataset into the run folder with the configured defaults and counts it', async () => {
      const response = await build({ run_id: 'run-a', round: 3 });
      expect(response).toEqual({
        dataset: 'aero_r3',
        dataset_dir: path.join(runsDir, 'run-a', 'datasets'),
        dataset_path: path.join(runsDir, 'run-a', 'datasets', 'aero_r3.jsonl'),
        counts: [
          { role: Role.ROLE_GENERATOR, desirable: 2, undesirable: 2 },
          { role: Role.ROLE_SOLVER, desirable: 3, undesirable: 3 },
          { role: Role.ROLE_REFINER, desirable: 3, undesirable: 0 },
        ],
        total: 13,
        fresh: 10,
        replayed: 3,
        warnings: [],
      });
      expect(fs.readFileSync(response.dataset_path, 'utf8').trimEnd().split('\n')).toHaveLength(13);
      const info = JSON.parse(fs.readFileSync(path.join(response.dataset_dir, 'dataset_info.json'), 'utf8'));
      expect(info.aero_r3).toMatchObject({ file_name: 'aero_r3.jsonl', formatting: 'sharegpt', columns: { kto_tag: 'label' } });
    });

    it('rebuilds the identical file for the same seed and fractional weights', async () => {
      const request = { run_id: 'run-a', round: 3, staggered: false, replay_pool_size: 4, weights: { generator: 1, solver: 1.5, refiner: 0.5 }, seed: 42 };
      const first = await build(request);
      const bytes = fs.readFileSync(first.dataset_path);
      const again = await build(request);
      expect(fs.readFileSync(again.dataset_path).equals(bytes)).toBe(true);
      expect(again.counts).toEqual(first.counts);
      expect(first.replayed).toBe(2 + 1);
    });

    it('warns when every label is the same', async () => {
      const response = await build({ run_id: 'all-good', round: 1, staggered: false });
      expect(response.warnings).toEqual([expect.stringContaining('KTO needs both desirable and undesirable examples')]);
    });

    it('answers NOT_FOUND for an unknown run and FAILED_PRECONDITION for a round without data', async () => {
      expect((await failureOf(build({ run_id: 'no-such-run', round: 1 }))).code).toBe(Status.NOT_FOUND);
      const noData = await failureOf(build({ run_id: 'run-a', round: 4 }));
      expect(noData.code).toBe(Status.FAILED_PRECONDITION);
      expect(noData.details).toContain('round 4 of run run-a has no recorded examples');
    });

    it('answers FAILED_PRECONDITION when the weights leave nothing to train on', async () => {
      const failure = await failureOf(build({ run_id: 'run-a', round: 2, weights: { generator: 0, solver: 0, refiner: 0 } }));
      expect(failure.code).toBe(Status.FAILED_PRECONDITION);
    });

    it('answers INTERNAL naming the file it could not write, and goes on serving', async () => {
      const blocked = path.join(runsDir, 'run-a', 'datasets', 'aero_r1.jsonl');
      fs.mkdirSync(path.join(blocked, 'child'), { recursive: true });
      const failure = await failureOf(build({ run_id: 'run-a', round: 1 }));
      expect(failure.code).toBe(Status.INTERNAL);
      expect(failure.details).toBe(`cannot write ${blocked} (EISDIR)`);
      fs.rmSync(blocked, { recursive: true });
      expect((await build({ run_id: 'run-a', round: 1 })).dataset_path).toBe(blocked);
    });

    it('refuses weights.generator = 1e9 at once with INVALID_ARGUMENT naming it, and goes on serving', async () => {
      const failure = await failureOf(build({ run_id: 'run-a', round: 3, weights: { generator: 1e9, solver: 1, refiner: 1 } }, soon()));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain('weights.generator');
      expect((await build({ run_id: 'run-a', round: 3 })).total).toBe(13);
    });

    it('refuses a dataset of more than 1000000 records before building it, naming the weight to lower', async () => {
      writeRun(runsDir, 'big', [Array.from({ length: 10_001 }, (_, i) => ktoExample(Role.ROLE_GENERATOR, 1, i, i % 2 === 0))]);
      const failure = await failureOf(build({ run_id: 'big', round: 1, staggered: false, weights: { generator: 100, solver: 1, refiner: 1 } }, soon()));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toMatch(/^invalid weights\.generator: the dataset would have up to 1000100 records .*lower weights\.generator$/);
      expect(fs.existsSync(path.join(runsDir, 'big', 'datasets'))).toBe(false);
      expect((await build({ run_id: 'big', round: 1, staggered: false })).total).toBe(10_001);
    });

    it('keeps the rounds it is sent in its own runs_dir and builds from its copies what the shared folder gives', async () => {
      const sent = (round: number) => ({ round, examples: fixtureRound(round) });
      await build({ run_id: 'sent', round: 1, round_examples: [sent(1)] });
      await build({ run_id: 'sent', round: 2, round_examples: [sent(2)] });
      const response = await build({ run_id: 'sent', round: 3, round_examples: [sent(3)] });
      expect(response.dataset_path).toBe(path.join(runsDir, 'sent', 'datasets', 'aero_r3.jsonl'));
      const shared = await build({ run_id: 'run-a', round: 3 });
      expect({ ...response, dataset_dir: '', dataset_path: '' }).toEqual({ ...shared, dataset_dir: '', dataset_path: '' });
      expect(fs.readFileSync(response.dataset_path, 'utf8')).toBe(fs.readFileSync(shared.dataset_path, 'utf8'));
      for (const round of [1, 2, 3]) {
        const kept = path.join('rounds', String(round), 'examples.jsonl');
        expect(fs.readFileSync(path.join(runsDir, 'sent', kept), 'utf8')).toBe(fs.readFileSync(path.join(runsDir, 'run-a', kept), 'utf8'));
      }
    });

    it('answers NOT_FOUND naming the rounds it holds no copy of, keeps what it was sent, and builds once it has them all', async () => {
      const failure = await failureOf(build({ run_id: 'moved', round: 3, round_examples: [{ round: 3, examples: fixtureRound(3) }] }));
      expect(failure.code).toBe(Status.NOT_FOUND);
      expect(failure.details).toBe('the trainer holds no examples of rounds 1, 2 of run moved; send them in round_examples');
      const again = await failureOf(build({ run_id: 'moved', round: 3, round_examples: [{ round: 1, examples: fixtureRound(1) }] }));
      expect(again.details).toBe('the trainer holds no examples of round 2 of run moved; send it in round_examples');
      const response = await build({ run_id: 'moved', round: 3, round_examples: [{ round: 2, examples: fixtureRound(2) }] });
      expect(fs.readFileSync(response.dataset_path, 'utf8')).toBe(fs.readFileSync((await build({ run_id: 'run-a', round: 3 })).dataset_path, 'utf8'));
    });

    it('takes a request beyond gRPC\'s default 4 MiB message limit', async () => {
      const long = (i: number) => ({ ...ktoExample(Role.ROLE_SOLVER, 1, i, i % 2 === 0), completion: `${i} ${'x'.repeat(100_000)}` });
      const response = await build({ run_id: 'large', round: 1, staggered: false, round_examples: [{ round: 1, examples: Array.from({ length: 60 }, (_, i) => long(i)) }] });
      expect(response.total).toBe(60);
    });

    it.each([
      [{ round: 2, round_examples: [{ round: 0, examples: [] }] }, 'round_examples.0.round'],
      [{ round: 2, round_examples: [{ round: 3, examples: [] }] }, 'round_examples.0.round'],
      [{ round: 2, round_examples: [{ round: 2, examples: [] }, { round: 2, examples: [] }] }, 'round_examples.1.round'],
      [{ round: 1, round_examples: [{ round: 1, examples: [{ ...ktoExample(Role.ROLE_SOLVER, 1, 0, true), role: Role.ROLE_JUDGE }] }] }, 'round_examples.0.examples.0.role'],
      [{ round: 1, round_examples: [{ round: 1, examples: [ktoExample(Role.ROLE_SOLVER, 1, 0, true), { ...ktoExample(Role.ROLE_SOLVER, 1, 1, true), prompt: '' }] }] }, 'round_examples.0.examples.1.prompt'],
      [{ round: 1, round_examples: [{ round: 1, examples: [{ ...ktoExample(Role.ROLE_SOLVER, 1, 0, true), completion: '' }] }] }, 'round_examples.0.examples.0.completion'],
    ])('rejects round_examples %j with INVALID_ARGUMENT naming %s, keeping nothing', async (request, field) => {
      const failure = await failureOf(build({ run_id: 'refused', ...request }));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain(field);
      expect(fs.existsSync(path.join(runsDir, 'refused'))).toBe(false);
    });

    it.each([
      [{ run_id: 'run-a', round: 0 }, 'round'],
      [{ run_id: 'run-a', round: 1001 }, 'round'],
      [{ run_id: 'run-a', round: 2, replay_ratios: { generator: 0, solver: -0.7, refiner: 0.3 } }, 'replay_ratios.solver'],
      [{ run_id: 'run-a', round: 2, replay_ratios: { generator: 0, solver: 7, refiner: 0.3 } }, 'replay_ratios.solver'],
      [{ run_id: 'run-a', round: 2, weights: { generator: 1, solver: -1, refiner: 1 } }, 'weights.solver'],
      [{ run_id: 'run-a', round: 2, replay_pool_size: 2_000_000 }, 'replay_pool_size'],
      [{ run_id: 'run-a', round: 2, seed: 2 ** 32 }, 'seed'],
      [{ run_id: 'run-a', round: 2, generator_undesirable_cap: -1 }, 'generator_undesirable_cap'],
    ])('rejects %j with INVALID_ARGUMENT naming %s', async (request, field) => {
      const failure = await failureOf(build(request));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain(field);
    });
  });

  describe('Train', () => {
    const valid = { run_id: 'run-a', round: 3, dataset: 'aero_r3', base_model: baseModel };

    it.each([
      [{ hyperparameters: { pref_beta: 0 } }, 'hyperparameters.pref_beta'],
      [{ hyperparameters: { pref_ftx: -1 } }, 'hyperparameters.pref_ftx'],
      [{ hyperparameters: { kto_rejected_weight: 1000 } }, 'hyperparameters.kto_rejected_weight'],
      [{ hyperparameters: { seed: -1 } }, 'hyperparameters.seed'],
      [{ hyperparameters: { cutoff_len: 8 } }, 'hyperparameters.cutoff_len'],
      [{ hyperparameters: { warmup_ratio: 1.5 } }, 'hyperparameters.warmup_ratio'],
      [{ hyperparameters: { per_device_train_batch_size: 0 } }, 'hyperparameters.per_device_train_batch_size'],
      [{ hyperparameters: { finetuning_type: 'freeze' } }, 'hyperparameters.finetuning_type: must be "lora" or "full"'],
      [{ hyperparameters: { lora_alpha: 0 } }, 'hyperparameters.lora_alpha'],
      [{ hyperparameters: { lora_target: 'qkv\nstage: sft' } }, 'hyperparameters.lora_target'],
      [{ hyperparameters: { lr_scheduler_type: 'step' } }, 'hyperparameters.lr_scheduler_type'],
      [{ hyperparameters: { logging_steps: 0 } }, 'hyperparameters.logging_steps'],
      [{ hyperparameters: { additional_target: 'wpe,' } }, 'hyperparameters.additional_target'],
      [{ hyperparameters: { lora_target: 'q'.repeat(257) } }, 'hyperparameters.lora_target: must be at most 256 characters'],
      [{ dataset: '../aero_r3' }, 'dataset'],
      [{ base_model: '' }, 'base_model'],
      [{ base_model: 'relative/../model dir' }, 'base_model'],
    ])('rejects bad hyperparameters and fields (%j) with INVALID_ARGUMENT naming %s', async (change, field) => {
      const { error } = await train({ ...valid, ...change });
      expect(error?.code).toBe(Status.INVALID_ARGUMENT);
      expect(error?.details).toContain(field);
    });

    it.each(['-rf', '--help', '-/model', 'owner/-name'])('refuses base_model %j with INVALID_ARGUMENT naming it before looking up the run', async (baseModel) => {
      const { error } = await train({ ...valid, run_id: 'no-such-run', base_model: baseModel });
      expect(error?.code).toBe(Status.INVALID_ARGUMENT);
      expect(error?.details).toContain('base_model: must be an absolute model folder path or a hub id');
    });

    it('answers NOT_FOUND for an unknown run and FAILED_PRECONDITION for a dataset not built or a missing model', async () => {
      expect((await train({ ...valid, run_id: 'no-such-run' })).error?.code).toBe(Status.NOT_FOUND);
      const unbuilt = await train({ ...valid, round: 2, dataset: 'aero_r2' });
      expect(unbuilt.error?.code).toBe(Status.FAILED_PRECONDITION);
      expect(unbuilt.error?.details).toContain('call BuildDataset first');
      const missing = await train({ ...valid, base_model: path.join(dir, 'no-such-model') });
      expect(missing.error?.code).toBe(Status.FAILED_PRECONDITION);
    });

    it('answers FAILED_PRECONDITION naming the launcher when llamafactory-cli cannot be started', async () => {
      await build({ run_id: 'run-a', round: 3 });
      const { messages, error } = await train(valid);
      expect(error?.code).toBe(Status.FAILED_PRECONDITION);
      expect(error?.details).toContain('cannot start no-such-llamafactory-cli (ENOENT)');
      expect(messages.every((m) => m.job?.model_path === '')).toBe(true);
      const job = await unaryCall(client.getJob.bind(client), GetJobRequest.fromPartial({ job_id: 'run-a-r3' }));
      expect(job.job).toMatchObject({ id: 'run-a-r3', state: 4, model_path: '' });
    });
  });

  describe('GetJob and CancelJob', () => {
    it('answer NOT_FOUND for a job never started and INVALID_ARGUMENT for a malformed id', async () => {
      expect((await failureOf(unaryCall(client.getJob.bind(client), GetJobRequest.fromPartial({ job_id: 'run-a-r9' })))).code).toBe(Status.NOT_FOUND);
      expect((await failureOf(unaryCall(client.cancelJob.bind(client), CancelJobRequest.fromPartial({ job_id: 'no-run-r1' })))).code).toBe(Status.NOT_FOUND);
      const malformed = await failureOf(unaryCall(client.getJob.bind(client), GetJobRequest.fromPartial({ job_id: '../x' })));
      expect(malformed.code).toBe(Status.INVALID_ARGUMENT);
      expect(malformed.details).toContain('job_id');
    });
  });
});

describe('TrainerService when the end of a job cannot be recorded', () => {
  const blockedDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trainer-blocked-'));
  const cli = writeNodeExecutable(path.join(blockedDir, 'bin'), 'llamafactory-cli', 'job-file-blocker.stand-in.cjs');
  const jobFile = path.join(blockedDir, 'runs', 'run-b', 'training', 'r1', 'job.json');
  let trainer: RunningTrainer;

  beforeAll(async () => {
    writeRun(path.join(blockedDir, 'runs'), 'run-b', [fixtureRound(1)]);
    fs.mkdirSync(path.join(blockedDir, 'model'));
    trainer = await startTrainer(trainerEnv(blockedDir, { AERO__TRAINING__BACKEND: 'llamafactory', AERO__TRAINING__LLAMAFACTORY__CLI: cli }));
  });
  afterAll(async () => {
    await trainer?.stop();
    fs.rmSync(blockedDir, { recursive: true, force: true });
  });

  it('fails the job with the file it could not write, and goes on serving', async () => {
    const { client } = trainer;
    const { dataset } = await unaryCall(client.buildDataset.bind(client), BuildDatasetRequest.fromPartial({ run_id: 'run-b', round: 1 }));
    const { error } = await collectTrain(client, TrainRequest.fromPartial({ run_id: 'run-b', round: 1, dataset, base_model: path.join(blockedDir, 'model') }));
    expect(error?.code).toBe(Status.INTERNAL);
    expect(error?.details).toBe(`cannot write ${jobFile} (EISDIR)`);
    const { job } = await unaryCall(client.getJob.bind(client), GetJobRequest.fromPartial({ job_id: 'run-b-r1' }));
    expect(job).toMatchObject({ state: JobState.JOB_STATE_FAILED, error: `cannot write ${jobFile} (EISDIR)` });
  });
});
