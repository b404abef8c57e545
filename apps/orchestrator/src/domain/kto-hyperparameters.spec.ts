import { configSchema } from '@aero/config';
import { KtoHyperparameters } from '@aero/contracts';
import { ktoHyperparameters } from './kto-hyperparameters';

describe('ktoHyperparameters', () => {
  it('sends every training.kto setting, so that no run override of one is dropped on the way to the trainer', () => {
    const kto = configSchema.parse({ training: { kto: { finetuning_type: 'full', lora_alpha: 4, lr_scheduler_type: 'linear', logging_steps: 3, bf16: false } } }).training.kto;
    const sent = ktoHyperparameters(kto, 17);
    // Through the wire format, as the trainer receives it.
    const received = KtoHyperparameters.decode(KtoHyperparameters.encode(sent).finish());
    expect(received).toEqual({ ...kto, seed: 17 });
  });
});
