// npm run bench: every benchmark an issue names, printed as Markdown for bench/README.md.
import { cpus } from 'node:os';
import * as slaEngine from './sla-engine.ts';

const header =
  `Run ${new Date().toISOString().slice(0, 10)} on ${cpus()[0]?.model ?? 'unknown CPU'} ` +
  `(${cpus().length} cores), Node ${process.version}.`;

console.log(`${header}\n`);
console.log('## SLA engine\n');
console.log(slaEngine.formatMarkdown(await slaEngine.run()));
