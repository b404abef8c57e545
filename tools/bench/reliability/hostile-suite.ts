import { Client, credentials, status as Status } from '@grpc/grpc-js';
import type { HostileRequest } from './hostile-requests';
import { sendRaw, type RawAnswer } from './send-raw';

/** A call slower than this hung. */
export const HUNG_MS = 5_000;
/** The deadline of each call: long enough to tell a hang from a slow answer. */
const DEADLINE_MS = 30_000;

export interface Outcome {
  request: HostileRequest;
  answer: RawAnswer;
  /** INVALID_ARGUMENT naming the request's field, in the BadRequest or, lacking one, in the message. */
  named: boolean;
}

/** Sends every request to its service (`addresses` by service name, e.g. "SynthService"), `concurrency` at a time. */
export async function runHostileSuite(requests: HostileRequest[], addresses: Map<string, string>, concurrency: number): Promise<Outcome[]> {
  const clients = new Map<string, Client>();
  const clientOf = (service: string) => {
    const address = addresses.get(service);
    if (!address) throw new Error(`no address for ${service}`);
    if (!clients.has(service)) clients.set(service, new Client(address, credentials.createInsecure()));
    return clients.get(service) as Client;
  };
  const outcomes: Outcome[] = [];
  let next = 0;
  const worker = async () => {
    while (next < requests.length) {
      const request = requests[next++];
      const answer = await sendRaw(clientOf(request.rpc.split('/')[0]), `/aero.v1.${request.rpc}`, request.streaming, request.bytes, DEADLINE_MS);
      outcomes.push({ request, answer, named: names(answer, request.field) });
    }
  };
  try {
    await Promise.all(Array.from({ length: concurrency }, worker));
  } finally {
    for (const client of clients.values()) client.close();
  }
  return outcomes;
}

function names(answer: RawAnswer, field: string): boolean {
  if (answer.code !== Status.INVALID_ARGUMENT) return false;
  const named = (f: string) => f === field || f.startsWith(`${field}.`);
  return answer.fields.length > 0 ? answer.fields.some(named) : answer.details.includes(field);
}
