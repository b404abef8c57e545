import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execa } from 'execa';
import { repoRoot, startServiceProcess, type ServiceProcess } from '@aero/testing';

// Any language can call the services from proto/: here Debian's Python gRPC, stubs generated at run time.
describe('a Python client', () => {
  let analyzer: ServiceProcess;
  let out: string;
  beforeAll(async () => {
    analyzer = await startServiceProcess('apps/analyzer/src/main.ts', ['--port', '0']);
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'aero-py-'));
  }, 60_000);
  afterAll(async () => {
    await analyzer?.stop();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it('generates stubs from proto/, calls health and ExtractAnswer, and decodes a google.rpc.BadRequest', async () => {
    const script = path.join(repoRoot, 'tools/clients/python/call_service.py');
    const result = await execa('/usr/bin/python3', [script, analyzer.address, out]);
    expect(JSON.parse(result.stdout)).toEqual({
      health: 'SERVING',
      found: true,
      answer: '\\frac{5}{2}',
      empty_text: 'OK',
      invalid_equivalence: {
        code: 'INVALID_ARGUMENT',
        status_matches: true,
        unpacked: [true],
        field_violations: [{ field: 'a', description: 'must not be empty' }],
      },
    });
  }, 60_000);
});
