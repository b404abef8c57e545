/** Hyperparameters that train the tiny test model in a second or two: big steps, few of them. */
export const FAST_TRAINING = {
  num_train_epochs: 2,
  per_device_train_batch_size: 2,
  gradient_accumulation_steps: 1,
  learning_rate: 1e-3,
  cutoff_len: 128,
  warmup_ratio: 0,
  seed: 1,
};

/** Enough steps (minutes) that a job is still training whenever a test cancels or crashes it. */
export const LONG_TRAINING = { ...FAST_TRAINING, num_train_epochs: 5000, per_device_train_batch_size: 1 };
