/**
 * Code for `node -e`: a leader that starts a worker, both ignoring SIGTERM when told to (like a stuck
 * training rank), and prints {"leader":PID,"worker":PID} once both are set up.
 */
export function workerLauncher(ignoreTerm: boolean): string {
  const ignore = ignoreTerm ? "process.on('SIGTERM', () => {});" : '';
  const worker = `${ignore} console.log('ready'); setInterval(() => {}, 60000);`;
  return `${ignore}
const worker = require('node:child_process').spawn(process.execPath, ['-e', ${JSON.stringify(worker)}], { stdio: ['ignore', 'pipe', 'ignore'] });
worker.stdout.once('data', () => console.log(JSON.stringify({ leader: process.pid, worker: worker.pid })));
setInterval(() => {}, 60000);`;
}
