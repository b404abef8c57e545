import { configSchema } from '@aero/config';
import { metricsEndpointOf } from './metrics-endpoint-of';

const config = (metrics_port?: number) => configSchema.parse({ services: { host: '0.0.0.0' }, orchestrator: { metrics_port } });

describe('metricsEndpointOf', () => {
  it('serves on the configured port (9465 by default) and the host of the gRPC server', () => {
    expect(metricsEndpointOf([], config())).toEqual({ host: '0.0.0.0', port: 9465 });
    expect(metricsEndpointOf(['--port', '50050', '--host', '127.0.0.1'], config(9100))).toEqual({ host: '127.0.0.1', port: 9100 });
  });

  it('takes a free port when the orchestrator was asked for a free gRPC port', () => {
    expect(metricsEndpointOf(['--port', '0', '--config', 'x.yaml'], config(9100))).toEqual({ host: '0.0.0.0', port: 0 });
    expect(metricsEndpointOf(['--port=0'], config())?.port).toBe(0);
  });

  it('is off at -1, whatever the gRPC port', () => {
    expect(metricsEndpointOf(['--port', '0'], config(-1))).toBeUndefined();
  });
});
