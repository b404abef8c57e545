export { configSchema, aeroSchema, type AeroConfig, type ServiceName } from './config-schema';
export { CHAT_TEMPLATES, CHAT_TEMPLATE_NAMES, type ChatTemplateName } from './chat-templates';
export { isHubModelId } from './is-hub-model-id';
export { LORA_TARGET } from './lora-target';
export { CHAT_MARKUP_TOKENS, TRAINED_ROLES, exampleTokenBound, roleBudgets, type RoleBudget, type TrainedRole } from './token-budgets';
export { loadConfig, type LoadConfigOptions } from './load-config';
export { ConfigError } from './config-error';
