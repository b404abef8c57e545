export { freePort } from './free-port';
export { isRunning } from './is-running';
export { startProcessGroup, type GroupCommand, type GroupExit, type GroupOutput, type ProcessGroup } from './start-process-group';
export { stopProcessGroup } from './stop-process-group';
export { watchParent } from './watch-parent';
export { tsWorkerSource } from './ts-worker-source';
export { tsxRequireHook } from './tsx-require-hook';
