import * as path from 'node:path';
import { profileArgv } from './profile-argv';

describe('profileArgv', () => {
  it('turns --profile NAME into the config file config.NAME.yaml', () => {
    const file = path.resolve('config.production.yaml');
    expect(profileArgv(['--profile', 'production', '--dry-run'])).toEqual(['--dry-run', '--config', file]);
    expect(profileArgv(['RUN', '--profile=production'])).toEqual(['RUN', '--config', file]);
  });

  it('leaves every other argument alone', () => {
    expect(profileArgv(['--name', 'x', '--set', 'aero.rounds=2'])).toEqual(['--name', 'x', '--set', 'aero.rounds=2']);
  });

  it('refuses a profile with --config, and a name that is not one', () => {
    expect(() => profileArgv(['--profile', 'production', '--config', 'x.yaml'])).toThrow('either --profile or --config');
    expect(() => profileArgv(['--profile'])).toThrow('--profile expects a name');
    expect(() => profileArgv(['--profile', '../x'])).toThrow('--profile expects a name');
  });
});
