export { processStat, type ProcessStat } from '../process-stat';
export { isRunning } from '../is-running';
export { pidsPrintedBy } from './pids-printed-by';
export { until } from './until';
