import { z } from 'zod';
import { InferenceGatewayServiceService } from '@aero/contracts';
import { defineService, unary, type GrpcService } from '@aero/service-kit';
import type { InferenceGateway } from '../gateway/inference-gateway';
import { generateSchema } from './generate-schema';
import { serveModelSchema } from './serve-model-schema';

/** The InferenceGatewayService RPCs: validate, then hand over to the gateway. */
export function gatewayService(gateway: InferenceGateway): GrpcService {
  return defineService(InferenceGatewayServiceService, {
    generate: unary(generateSchema(() => gateway.maxModelLen()), (request, ctx) => gateway.generate(request, ctx)),
    serveModel: unary(serveModelSchema, (request, ctx) => gateway.serveModel(request.checkpoint, request.ready_timeout_s, ctx)),
    stopEngines: unary(z.object({}), (_request, ctx) => gateway.stopEngines(ctx)),
    getStatus: unary(z.object({}), async () => gateway.status()),
  });
}
