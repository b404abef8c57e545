import { startProcessGroup } from '../start-process-group';
import { watchParent } from '../watch-parent';

// A child for the specs: `lifeline-child.ts [--no-watch]` starts a grandchild that watches nothing (as
// vLLM does) in a process group of its own, prints {"child":PID,"grandchild":PID}, and unless told
// otherwise watches its parent, stopping the grandchild's group once the parent is gone.

async function main(watch: boolean): Promise<void> {
  const grandchild = await startProcessGroup({ file: process.execPath, args: ['-e', 'setInterval(() => {}, 60000)'] });
  if (watch) watchParent(() => grandchild.stop(5_000));
  console.log(JSON.stringify({ child: process.pid, grandchild: grandchild.pid }));
  setInterval(() => undefined, 60_000);
}

void main(!process.argv.includes('--no-watch'));
