// Loaded with `node --import` into a command the report bench measures: when the process exits it prints, as the
// last line on stderr, its exit code, seconds since it started, CPU seconds and peak resident memory, so the
// command is measured as run (the built CLI, no tsx) and reports what only the process itself knows.
import { isMainThread } from 'node:worker_threads';

// Worker threads load it too (they inherit the flag) and must not print a thread's figures as the process's.
if (isMainThread) {
  process.on('exit', (code) => {
    const cpu = process.cpuUsage();
    process.stderr.write(
      `\nexit figures: ${JSON.stringify({ code, seconds: performance.now() / 1000, nodeCpuSeconds: (cpu.user + cpu.system) / 1e6, nodePeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`,
    );
  });
}
