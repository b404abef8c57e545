/** The port a service (the gateway, the orchestrator) logged for its Prometheus endpoint ("metrics listening"). */
export function metricsPortOf(stderr: string): number {
  const match = /"msg":"metrics listening","metrics_port":(\d+)/.exec(stderr);
  if (!match) throw new Error(`no metrics port in the log; stderr:\n${stderr}`);
  return Number(match[1]);
}

/** Sum of the samples of one metric on GET /metrics whose label text contains `labels`. */
export async function scrapeMetric(port: number, name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) => line.includes(labels))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}
