'use strict';
/**
 * Stand-in for Slurm's `srun` as a multi-node launcher in tests: `srun --nodes=N [--ntasks-per-node=1]
 * COMMAND ARGS...` runs COMMAND once per "node", all at once and all on this host, with this
 * environment plus SLURM_NODEID, and exits with the worst exit code. SIGTERM goes to every task.
 */
const { spawn } = require('node:child_process');

const argv = process.argv.slice(2);
let nodes = 1;
while (argv[0]?.startsWith('--')) {
  const [flag, value] = argv.shift().split('=');
  if (flag === '--nodes') nodes = Number(value);
  else if (flag !== '--ntasks-per-node' || value !== '1') {
    console.error(`srun: error: unsupported option ${flag}`);
    process.exit(1);
  }
}
if (argv.length === 0 || !(nodes >= 1)) {
  console.error('srun: error: usage: srun --nodes=N COMMAND [ARGS...]');
  process.exit(1);
}
const tasks = Array.from({ length: nodes }, (_, node) =>
  spawn(argv[0], argv.slice(1), { stdio: 'inherit', env: { ...process.env, SLURM_NODEID: String(node), SLURM_PROCID: String(node) } }),
);
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => tasks.forEach((t) => t.kill(signal)));
Promise.all(tasks.map((t) => new Promise((resolve) => t.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)))))).then((codes) =>
  process.exit(Math.max(...codes)),
);
