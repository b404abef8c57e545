import { configSchema } from '@aero/config';
import { serviceMode } from './service-mode';

const withAddresses = (addresses: Record<string, string>) =>
  configSchema.parse({ services: Object.fromEntries(Object.entries(addresses).map(([name, address]) => [name, { address }])) });

describe('serviceMode', () => {
  it('is local when no address is set', () => {
    expect(serviceMode(withAddresses({}))).toBe('local');
  });

  it('is remote when all five are set (the orchestrator\'s own address does not count)', () => {
    const all = { inference_gateway: 'g:1', synth: 's:1', analyzer: 'a:1', verifier: 'v:1', trainer: 't:1' };
    expect(serviceMode(withAddresses(all))).toBe('remote');
    expect(serviceMode(withAddresses({ ...all, orchestrator: 'o:1' }))).toBe('remote');
  });

  it('refuses a mix, naming the missing addresses', () => {
    expect(() => serviceMode(withAddresses({ synth: 's:1', orchestrator: 'o:1' }))).toThrow(
      /services\.inference_gateway\.address, services\.analyzer\.address, services\.verifier\.address, services\.trainer\.address are empty/,
    );
  });
});
