import type { ServiceError } from '@grpc/grpc-js';
import { streamCall } from '@aero/service-kit';
import type { TrainerServiceClient, TrainRequest, TrainResponse } from '@aero/contracts';

/** Every message of a Train stream, and the status it ended with (undefined = OK). */
export async function collectTrain(
  client: TrainerServiceClient,
  request: TrainRequest,
  onMessage: (message: TrainResponse) => void = () => undefined,
): Promise<{ messages: TrainResponse[]; error?: ServiceError }> {
  const messages: TrainResponse[] = [];
  try {
    for await (const message of streamCall(client.train.bind(client), request)) {
      messages.push(message);
      onMessage(message);
    }
    return { messages };
  } catch (error) {
    return { messages, error: error as ServiceError };
  }
}
