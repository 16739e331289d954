// Prometheus metrics: HTTP requests by route pattern, jobs by name, and the process basics.
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';

export interface Metrics {
  /** `route` is the matched route pattern (`/api/v1/tickets/:id`), never the raw URL, so ids stay out. */
  observeRequest(request: { method: string; route: string; status: number; seconds: number }): void;
  observeJob(job: { name: string; outcome: 'completed' | 'failed'; seconds: number }): void;
  /** The text exposition format. */
  render(): Promise<string>;
  readonly contentType: string;
}

// Methods outside this list are folded together so a client cannot mint label values.
const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** One registry per app instance (tests build several apps in one process). */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'accord_' });

  const requests = new Counter({
    name: 'accord_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const requestSeconds = new Histogram({
    name: 'accord_http_request_duration_seconds',
    help: 'Time from receiving a request to its response, by method, route pattern and status.',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'accord_jobs_processed_total',
    help: 'Background jobs run, by queue name and outcome (completed or failed).',
    labelNames: ['name', 'outcome'] as const,
    registers: [registry],
  });
  const jobFailures = new Counter({
    name: 'accord_jobs_failed_total',
    help: 'Background jobs whose handler threw, by queue name (each failed attempt counts).',
    labelNames: ['name'] as const,
    registers: [registry],
  });
  const jobSeconds = new Histogram({
    name: 'accord_job_duration_seconds',
    help: 'Time a job handler ran, by queue name.',
    labelNames: ['name'] as const,
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300],
    registers: [registry],
  });

  return {
    observeRequest({ method, route, status, seconds }) {
      const labels = { method: KNOWN_METHODS.has(method) ? method : 'OTHER', route, status: String(status) };
      requests.inc(labels);
      requestSeconds.observe(labels, seconds);
    },
    observeJob({ name, outcome, seconds }) {
      jobs.inc({ name, outcome });
      if (outcome === 'failed') jobFailures.inc({ name });
      jobSeconds.observe({ name }, seconds);
    },
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
