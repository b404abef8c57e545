import { isIPv6 } from 'node:net';

/**
 * The URL a scraper reaches the run metrics by, from the address the server listens on: a wildcard
 * address (every interface) names no host to connect to, so the machine's name stands for it.
 */
export function metricsUrlOf(host: string, port: number, hostname: string): string {
  const reachable = host === '' || host === '0.0.0.0' || host === '::' ? hostname : host;
  return `http://${isIPv6(reachable) ? `[${reachable}]` : reachable}:${port}/metrics`;
}
