import { status as Status, type Client, type ChannelCredentials, type ClientOptions } from '@grpc/grpc-js';
import { checkHealth, connect, listServices } from '@aero/service-kit';
import { failureOf } from './failure-of';
import { startServiceProcess, type ServiceProcess } from './service-process';

type ClientConstructor<C> = new (address: string, credentials: ChannelCredentials, options?: ClientOptions) => C;

export interface ServiceContract<C extends Client> {
  /** Entry file, relative to the repository root, e.g. "apps/analyzer/src/main.ts". */
  entry: string;
  /** Fully qualified service name, e.g. "aero.v1.AnalyzerService". */
  service: string;
  client: ClientConstructor<C>;
  /** A request the service must reject with INVALID_ARGUMENT, and the field the message must name. */
  malformed: { call: (client: C) => Promise<unknown>; field: string };
  /** Extra environment for the server process (e.g. config overrides). */
  env?: Record<string, string>;
}

const TOKEN = 'contract-test-token';

/**
 * The contract every service honours, checked against the real server process over a real socket:
 * health, reflection, field-named INVALID_ARGUMENT, and bearer auth off and on.
 */
export function describeServiceContract<C extends Client>(contract: ServiceContract<C>): void {
  describe(`${contract.service} contract`, () => {
    let open: ServiceProcess;
    let guarded: ServiceProcess;
    const clients: Client[] = [];
    const client = (address: string, token?: string) => {
      const c = connect(contract.client, address, { token });
      clients.push(c);
      return c;
    };

    beforeAll(async () => {
      [open, guarded] = await Promise.all([
        startServiceProcess(contract.entry, ['--port', '0'], { env: contract.env }),
        startServiceProcess(contract.entry, ['--port', '0'], {
          env: { ...contract.env, AERO__SERVICES__AUTH__ENABLED: 'true', AERO_AUTH_TOKEN: TOKEN },
        }),
      ]);
    }, 60_000);
    afterAll(async () => {
      clients.forEach((c) => c.close());
      await Promise.all([open?.stop(), guarded?.stop()]);
    });

    it('answers health SERVING for the server and for its service', async () => {
      expect(await checkHealth(open.address)).toBe('SERVING');
      expect(await checkHealth(open.address, contract.service)).toBe('SERVING');
    });

    it('is listed by a reflection client', async () => {
      expect(await listServices(open.address)).toEqual([contract.service]);
    });

    it('rejects a malformed request with INVALID_ARGUMENT naming the field', async () => {
      const failure = await failureOf(contract.malformed.call(client(open.address)));
      expect(failure.code).toBe(Status.INVALID_ARGUMENT);
      expect(failure.details).toContain(contract.malformed.field);
    });

    it('with auth on, refuses a call without the token and serves one with it', async () => {
      const anonymous = await failureOf(contract.malformed.call(client(guarded.address)));
      expect(anonymous.code).toBe(Status.UNAUTHENTICATED);
      const wrong = await failureOf(contract.malformed.call(client(guarded.address, 'not-the-token')));
      expect(wrong.code).toBe(Status.UNAUTHENTICATED);
      // With the token the call gets past auth and reaches validation.
      const authorised = await failureOf(contract.malformed.call(client(guarded.address, TOKEN)));
      expect(authorised.code).toBe(Status.INVALID_ARGUMENT);
      expect(await checkHealth(guarded.address)).toBe('SERVING');
    });
  });
}
