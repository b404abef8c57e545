export { startServiceProcess, repoRoot, type ServiceProcess } from './service-process';
export { failureOf } from './failure-of';
export { describeServiceContract, type ServiceContract } from './describe-service-contract';
export { metricsPortOf, scrapeMetric } from './scrape-metric';
