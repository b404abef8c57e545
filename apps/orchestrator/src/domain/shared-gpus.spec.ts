import { configSchema } from '@aero/config';
import { InstanceState, InstanceStatus } from '@aero/contracts';
import { sharedGpus } from './shared-gpus';

const instance = (gpus: string, state = InstanceState.INSTANCE_STATE_READY) => InstanceStatus.fromPartial({ gpus, state });
const training = (backend: string, gpus: string) => configSchema.parse({ training: { backend, llamafactory: { gpus } } }).training;

describe('sharedGpus', () => {
  it('names the GPUs that serving instances hold and training wants', () => {
    expect(sharedGpus([instance('0,1'), instance('2,3'), instance('4')], training('llamafactory', '3,1,6'))).toEqual(['1', '3']);
  });

  it('is empty when the sets are disjoint: the engines keep serving while the job trains', () => {
    expect(sharedGpus([instance('0'), instance('1')], training('llamafactory', '2,3'))).toEqual([]);
  });

  it('ignores stopped instances and CPU engines', () => {
    expect(sharedGpus([instance('0', InstanceState.INSTANCE_STATE_STOPPED), instance('')], training('llamafactory', '0'))).toEqual([]);
  });

  it('is empty for the embedded trainer, which runs on the CPU', () => {
    expect(sharedGpus([instance('0')], training('embedded', '0'))).toEqual([]);
  });
});
