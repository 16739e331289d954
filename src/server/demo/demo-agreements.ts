// The demo MSP's agreements, made before any ticket so every ticket takes its client's default and every
// hour of the demo's time is classified and priced: the dental practice and the law firm are managed (per
// device and per user, office hours covered, after hours and weekends at a premium, project work falling
// through to break/fix), the architects pay by the hour.
import { agreementInputSchema } from '../../shared/api/agreements.ts';
import type { Services } from '../app.ts';
import type { Actor } from '../http/scope.ts';
import type { ClientKey } from './demo-data.ts';

const managedLines: Record<ClientKey, [item: string, quantity: number, unitPriceCents: number][]> = {
  dental: [
    ['Desktop and laptop support', 14, 4_500],
    ['Microsoft 365 seat', 18, 2_640],
    ['Cloud backup (per TB)', 2, 6_000],
  ],
  law: [
    ['Desktop and laptop support', 24, 4_500],
    ['Network and printer support', 4, 2_500],
    ['Microsoft 365 seat', 26, 2_640],
  ],
  architects: [],
};

export async function seedDemoAgreements(
  services: Services,
  owner: Actor,
  clients: Record<ClientKey, { id: string; calendarId: string }>,
  startsOn: string,
): Promise<number> {
  const items = new Map(
    (await services.catalog.listCatalogItems(owner.scope, { archived: 'false' })).map((i) => [i.name, i.id]),
  );
  const project = (await services.time.listWorkTypes(owner.scope, { includeArchived: false })).find(
    (w) => w.name === 'Project',
  );
  let made = 0;
  for (const [key, client] of Object.entries(clients) as [ClientKey, (typeof clients)[ClientKey]][]) {
    const lines = managedLines[key];
    const breakFix = await services.agreements.create(
      owner,
      agreementInputSchema.parse({
        clientId: client.id,
        type: 'break_fix',
        name: 'Time and materials',
        startsOn,
        isClientDefault: lines.length === 0,
        calendarId: client.calendarId,
        hourlyRateCents: 16_500,
        afterHoursPercent: 150,
        weekendPercent: 150,
        holidayPercent: 200,
        roundingMinutes: 15,
      }),
    );
    made++;
    if (lines.length === 0) continue;
    await services.agreements.create(
      owner,
      agreementInputSchema.parse({
        clientId: client.id,
        type: 'managed',
        name: 'Managed IT',
        startsOn,
        isClientDefault: true,
        calendarId: client.calendarId,
        hourlyRateCents: 15_000,
        afterHoursPercent: 150,
        weekendPercent: 200,
        holidayPercent: 200,
        excludedWorkTypeIds: project ? [project.id] : [],
        // The dental practice approves its vendor's changes itself, as well as the MSP.
        requiresClientApprovalOfVendorChanges: key === 'dental',
        fallbackAgreementId: breakFix.id,
        // The MSP shares the risk: missed guaranteed targets are credited on the next invoice, capped.
        penaltySchedule: {
          mode: 'invoice',
          effectiveFrom: startsOn.slice(0, 7),
          perBreachCents: { P1: 15_000, P2: 7_500, P3: 2_500, P4: 0 },
          monthlyCapCents: 50_000,
        },
        recurringLines: lines.flatMap(([item, quantity, unitPriceCents]) => {
          const catalogItemId = items.get(item);
          return catalogItemId ? [{ catalogItemId, quantity, unitPriceCents }] : [];
        }),
      }),
    );
    made++;
  }
  return made;
}
