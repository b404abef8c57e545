'use strict';
/**
 * Stand-in for `llamafactory-cli` in tests: puts a folder where the job's job.json lies (the trainer
 * starts it in the job folder) and fails, so that the trainer's record of the job's end fails for
 * real, as it would on a full disk.
 */
const fs = require('node:fs');

fs.rmSync('job.json', { force: true });
fs.mkdirSync('job.json/blocked', { recursive: true });
process.stderr.write('job.json blocked\n');
process.exit(1);
