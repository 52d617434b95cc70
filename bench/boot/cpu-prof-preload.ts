/**
 * Loaded into the hub with NODE_OPTIONS=--import (node refuses --cpu-prof there): profiles
 * the whole process from its first module to its exit, and writes a .cpuprofile into
 * TRESTLE_CPU_PROF_DIR, as --cpu-prof would.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.TRESTLE_CPU_PROF_DIR;
if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  // An in-process session answers synchronously, so the profile is written before the exit completes.
  process.on('exit', () => {
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(join(dir, `boot-${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
