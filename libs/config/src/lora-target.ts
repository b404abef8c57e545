/**
 * A `lora_target` as LLaMA-Factory reads it: `all`, or comma-separated module names. Checked where
 * it enters (config, Train request), since it is written into a YAML file and read by another program.
 */
export const LORA_TARGET = /^[A-Za-z0-9_.]+(,[A-Za-z0-9_.]+)*$/;
