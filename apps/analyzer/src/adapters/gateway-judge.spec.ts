import { status as Status } from '@grpc/grpc-js';
import { InferenceGatewayServiceClient, Role } from '@aero/contracts';
import { loadTemplates, renderPrompt } from '@aero/prompts';
import { connect, RpcError } from '@aero/service-kit';
import { failureOf } from '@aero/testing';
import { startGatewayStandIn, type GatewayStandIn } from '../testing/start-gateway-stand-in';
import { gatewayJudge } from './gateway-judge';

const template = loadTemplates('production').judge;

describe('gatewayJudge', () => {
  let gateway: GatewayStandIn;
  let client: InferenceGatewayServiceClient;
  let next: string | Error;

  beforeAll(async () => {
    gateway = await startGatewayStandIn(() => {
      if (next instanceof Error) throw next;
      return next;
    });
    client = connect(InferenceGatewayServiceClient, gateway.address);
  });
  afterAll(async () => {
    client.close();
    await gateway.stop();
  });
  beforeEach(() => gateway.requests.splice(0));

  const judge = () => gatewayJudge({ client, template, temperature: 0, maxTokens: 64 });

  it('sends one judge request with the rendered judge prompt and the configured sampling', async () => {
    next = 'They are the same number.\n{"equivalent": true}';
    expect(await judge()('\\frac{1}{2}', '0.5', {})).toBe(true);
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    expect(request.messages).toEqual([{ role: 'user', content: renderPrompt(template, { a: '\\frac{1}{2}', b: '0.5' }) }]);
    expect(request).toMatchObject({ n: 1, temperature: 0, max_tokens: 64, role: Role.ROLE_JUDGE, prompt: '' });
  });

  it('reads a negative verdict', async () => {
    next = '{"equivalent": false}';
    expect(await judge()('1', '2', {})).toBe(false);
  });

  it('is null when the reply holds no verdict', async () => {
    next = 'Hmm.';
    expect(await judge()('1', '2', {})).toBeNull();
  });

  it('passes the gateway status on', async () => {
    next = new RpcError(Status.RESOURCE_EXHAUSTED, 'queue full');
    expect((await failureOf(judge()('1', '2', {}))).code).toBe(Status.RESOURCE_EXHAUSTED);
  });

  it('honours the caller deadline', async () => {
    next = '{"equivalent": true}';
    const failure = await failureOf(judge()('1', '2', { deadline: new Date(Date.now() - 1) }));
    expect(failure.code).toBe(Status.DEADLINE_EXCEEDED);
  });
});
