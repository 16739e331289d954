// npm run bench [-- name …]: every benchmark an issue names (or the named ones), printed as Markdown for bench/README.md.
import { cpus, totalmem } from 'node:os';
import * as agentCheckins from './agent-checkins.ts';
import * as classifyTime from './classify-time.ts';
import * as invoiceRun from './invoice-run.ts';
import * as slaEngine from './sla-engine.ts';
import * as ticketQueue from './ticket-queue.ts';

const benchmarks: Record<string, { title: string; run(): Promise<string> }> = {
  'sla-engine': { title: 'SLA engine', run: async () => slaEngine.formatMarkdown(await slaEngine.run()) },
  'ticket-queue': {
    title: 'Ticket queue',
    run: async () => ticketQueue.formatMarkdown(await ticketQueue.run()),
  },
  'classify-time': {
    title: 'Time classification',
    run: async () => classifyTime.formatMarkdown(await classifyTime.run()),
  },
  'invoice-run': {
    title: 'Invoice run',
    run: async () => invoiceRun.formatMarkdown(await invoiceRun.run()),
  },
  'agent-checkins': {
    title: 'Agent check-ins',
    run: async () => agentCheckins.formatMarkdown(await agentCheckins.run()),
  },
};

const names = process.argv.slice(2);
const unknown = names.filter((name) => !(name in benchmarks));
if (unknown.length > 0) {
  console.error(
    `Unknown benchmark ${unknown.join(', ')}; choose from ${Object.keys(benchmarks).join(', ')}.`,
  );
  process.exit(2);
}

const header =
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'} ` +
  `(${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB), Node ${process.version}.`;

console.log(`${header}\n`);
for (const name of names.length > 0 ? names : Object.keys(benchmarks)) {
  const benchmark = benchmarks[name]!;
  console.log(`## ${benchmark.title}\n`);
  console.log(`${await benchmark.run()}\n`);
}
