import { metricsUrlOf } from './metrics-url-of';

it('names the host the server listens on, the machine for a wildcard address, IPv6 in brackets', () => {
  expect(metricsUrlOf('127.0.0.1', 9465, 'gpu-7')).toBe('http://127.0.0.1:9465/metrics');
  expect(metricsUrlOf('0.0.0.0', 40123, 'gpu-7')).toBe('http://gpu-7:40123/metrics');
  expect(metricsUrlOf('::', 9465, 'gpu-7')).toBe('http://gpu-7:9465/metrics');
  expect(metricsUrlOf('::1', 9465, 'gpu-7')).toBe('http://[::1]:9465/metrics');
  expect(metricsUrlOf('orchestrator.internal', 9465, 'gpu-7')).toBe('http://orchestrator.internal:9465/metrics');
});
