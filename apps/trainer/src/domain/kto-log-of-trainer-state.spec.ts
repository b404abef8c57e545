import { ktoLogOfTrainerState } from './kto-log-of-trainer-state';

// A trainer_state.json as transformers writes it after LLaMA-Factory's KTO stage (TRL's KTOTrainer keys).
const state = (history: string) => `{
  "best_metric": null,
  "best_model_checkpoint": null,
  "epoch": 1.0,
  "eval_steps": 500,
  "global_step": 3,
  "is_hyper_param_search": false,
  "log_history": [${history}],
  "logging_steps": 1,
  "max_steps": 3,
  "trial_name": null
}`;

describe('ktoLogOfTrainerState', () => {
  it("reads loss, learning rate, KL and both rewards of each training step by HF's keys", () => {
    const log = ktoLogOfTrainerState(
      state(`
    {"epoch": 0.33, "grad_norm": 12.5, "kl": 0.0, "learning_rate": 5e-06, "logits/chosen": -1.2, "logps/chosen": -80.1, "loss": 0.5, "rewards/chosen": 0.0, "rewards/margins": 0.0, "rewards/rejected": 0.0, "step": 1},
    {"epoch": 0.67, "grad_norm": 9.1, "kl": 0.013, "learning_rate": 3.3e-06, "loss": 0.4812, "rewards/chosen": 0.0421, "rewards/margins": 0.0931, "rewards/rejected": -0.051, "step": 2},
    {"epoch": 1.0, "eval_kl": 0.2, "eval_loss": 0.47, "step": 3},
    {"epoch": 1.0, "step": 3, "total_flos": 0.0, "train_loss": 0.49, "train_runtime": 12.3}`),
    );
    expect([...log]).toEqual([
      [1, { loss: 0.5, lr: 5e-6, kl: 0, rewards_chosen: 0, rewards_rejected: 0 }],
      [2, { loss: 0.4812, lr: 3.3e-6, kl: 0.013, rewards_chosen: 0.0421, rewards_rejected: -0.051 }],
    ]);
  });

  it("takes Python's bare NaN as not logged, and gives nothing for a torn or foreign file", () => {
    const log = ktoLogOfTrainerState(state('{"kl": 0.02, "learning_rate": 1e-05, "loss": 0.45, "rewards/chosen": NaN, "rewards/rejected": -0.1, "step": 4}'));
    expect(log.get(4)).toEqual({ loss: 0.45, lr: 1e-5, kl: 0.02, rewards_rejected: -0.1 });
    expect(ktoLogOfTrainerState(state('{"kl": 0.02, "step": 4}').slice(0, 200)).size).toBe(0);
    expect(ktoLogOfTrainerState('[1, 2]').size).toBe(0);
  });
});
