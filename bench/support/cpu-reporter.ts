/**
 * The stdin side of a process started by `startReportingProcess` (bench/support/processes.ts):
 * every line read on stdin is answered with one stdout line of this process's
 * `process.cpuUsage()`, so a benchmark can take a server's CPU time over a run. Resolves when
 * stdin closes.
 */
export async function answerCpuRequests(): Promise<void> {
  const decoder = new TextDecoder();
  let buffered = "";
  for await (const chunk of Bun.stdin.stream()) {
    buffered += decoder.decode(chunk, { stream: true });
    let nl = buffered.indexOf("\n");
    while (nl >= 0) {
      buffered = buffered.slice(nl + 1);
      process.stdout.write(`${JSON.stringify(process.cpuUsage())}\n`);
      nl = buffered.indexOf("\n");
    }
  }
}
