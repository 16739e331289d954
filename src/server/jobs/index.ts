// Background jobs: the one queue every module enqueues through (docs/adr/0002-jobs.md).
export {
  createJobQueue,
  type JobQueue,
  type JobQueueOptions,
  type SendOptions,
  type WorkOptions,
} from './job-queue.ts';
