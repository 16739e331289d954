// Closes last month's SLA statements of the managed agreements, after the dispatcher has explained most of
// their breaches, so the demo shows a closed month (and one breach still waiting for its explanation).
import type { Services } from '../app.ts';
import type { Actor } from '../http/scope.ts';

const explanations = [
  'Both engineers were on site at another client’s outage. From this month a second engineer is on call.',
  'The alert came in while the monitoring queue was unattended; alerts for this client now page the on-call engineer.',
  'The replacement part arrived a day after the supplier’s promised date; we now keep one in stock.',
];

export async function closeDemoStatements(services: Services, dispatcher: Actor): Promise<number> {
  const { scope } = dispatcher;
  const managed = (await services.agreements.list(scope, { status: 'any' })).filter(
    (a) => a.type === 'managed',
  );
  let closed = 0;
  for (const agreement of managed) {
    const [, previous] = (await services.slaStatements.list(scope, agreement.id)).items;
    if (!previous) continue;
    const statement = await services.slaStatements.get(scope, agreement.id, previous.month);
    if (!statement.isClosable) continue;
    // The last breach is left without an explanation, as a reminder of what a missing one looks like.
    for (const [index, breach] of statement.breaches.slice(0, -1).entries()) {
      const text = explanations[index % explanations.length]!;
      await services.slaStatements.explain(dispatcher, breach.ticketId, breach.clock, text);
    }
    await services.slaStatements.close(dispatcher, agreement.id, previous.month);
    closed++;
  }
  return closed;
}
