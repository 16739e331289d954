// The dental practice's line-of-business vendor, engaged for its practice-management system, and the
// account its support connects with: what lets the agent's findings be tied to the vendor (story 2). The
// MSP's rules of engagement, which the vendor acknowledged, and its Letter of Agency, signed last year and
// ending within the month. Once the agents have reported, the vendor's reply to the incident its changes
// opened, and its next upgrade: approved by the MSP, waiting for the practice's own approval.
import { changeRequestInputSchema } from '../../shared/api/change-requests.ts';
import { ticketListQuerySchema } from '../../shared/api/tickets.ts';
import { engagementInputSchema, vendorInputSchema } from '../../shared/api/vendors.ts';
import type { Services } from '../app.ts';
import type { Actor } from '../http/scope.ts';
import { VENDOR_ACCOUNT } from './demo-assets-reports.ts';

export async function seedDemoVendors(services: Services, owner: Actor, dentalClientId: string, now: Date) {
  const vendor = await services.vendors.create(
    owner,
    vendorInputSchema.parse({
      name: 'Henry Schein One',
      products: ['Dentrix'],
      supportPhone: '+1 800 336 8749',
      notes: 'Support connects over RDP by appointment; changes must come through a change request.',
    }),
  );
  const renewsOn = new Date(now.getTime() + 40 * 86_400_000).toISOString().slice(0, 10);
  const engagement = await services.vendors.engage(
    owner,
    vendor.id,
    engagementInputSchema.parse({
      clientId: dentalClientId,
      product: 'Dentrix',
      supportContract: 'Customer Care Plus, DX-22817',
      renewsOn,
      slaTerms: 'Response within 4 business hours; critical outages within 1 hour.',
    }),
  );
  await services.vendors.addAccount(owner, engagement.id, {
    kind: 'os_user',
    identifier: VENDOR_ACCOUNT,
    notes: 'Their RDP support login on the practice server',
  });
  await services.engagementRules.publish(owner, null, RULES);
  await services.engagementRules.acknowledge(owner, engagement.id, {
    name: 'Mark Ellison (Henry Schein One support)',
    email: null,
  });
  const day = (offset: number) => new Date(now.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  const loa = await services.loas.create(owner, engagement.id, {
    signerName: 'Dr. Priya Patel',
    signerTitle: 'Practice owner',
    expiresOn: day(25),
  });
  await services.loas.send(owner, loa.id, 'Dr. Priya Patel, by hand at the quarterly review');
  // The letter Accord generated stands in for the scan of the signed one.
  const letter = await services.loas.letter(owner.scope, loa.id);
  await services.loas.sign(
    owner,
    loa.id,
    { signerName: 'Dr. Priya Patel', signerTitle: 'Practice owner', signedOn: day(-340), expiresOn: day(25) },
    { fileName: 'Signed LOA - Henry Schein One.pdf', content: letter.content },
  );
  return { vendorId: vendor.id };
}

/** The vendor's support lead, who signs in to the vendor portal with the demo's password. */
export const DEMO_VENDOR_USER = {
  name: 'Mark Ellison',
  email: 'mark@henryschein-one.example',
  title: 'Henry Schein One support, in the vendor portal',
};

/**
 * After the agents' reports: the vendor's reply to the incident its changes opened, given through its link;
 * its upgrade of the practice server next week, approved by the MSP and waiting for the client; and its
 * support lead in the vendor portal.
 */
export async function seedDemoVendorActivity(
  services: Services,
  owner: Actor,
  dental: { clientId: string; vendorId: string },
  now: Date,
  password: string,
) {
  const { name, email } = DEMO_VENDOR_USER;
  const invited = await services.vendorUsers.create(
    owner,
    dental.vendorId,
    { name, email },
    'http://localhost',
  );
  if (invited.invitation) {
    const token = invited.invitation.url.split('/invitation/')[1]!;
    await services.invitations.accept(token, { password }, { ip: null, userAgent: 'Accord demo' });
  }

  const servers = await services.assets.list(owner.scope, {
    clientId: dental.clientId,
    type: 'server',
    q: 'LFD-SQL01',
    archived: 'false',
    limit: 1,
    offset: 0,
  });
  const server = servers.items[0];
  if (!server) return;
  const start = new Date(now.getTime() + 6 * 86_400_000);
  start.setUTCHours(23, 0, 0, 0);
  const request = await services.changeRequests.create(
    owner,
    changeRequestInputSchema.parse({
      clientId: dental.clientId,
      vendorId: dental.vendorId,
      assetIds: [server.id],
      title: 'Upgrade Dentrix G7 to 24.2',
      description:
        'Henry Schein One installs the 24.2 update and the .NET runtime it needs, then restarts the Dentrix services.',
      risk: 'medium',
      backOutPlan: 'Restore the VM snapshot taken before the upgrade; the practice is closed until 07:00.',
      windowStart: start.toISOString(),
      windowEnd: new Date(start.getTime() + 3 * 3_600_000).toISOString(),
    }),
  );
  await services.changeRequests.act(owner, request.id, 'approve');

  const incidents = await services.tickets.list(
    owner.scope,
    ticketListQuerySchema.parse({ clientId: dental.clientId, vendorId: dental.vendorId }),
  );
  const incident = incidents.items[0];
  if (!incident) return;
  const { token } = await services.vendorReplies.createLink(owner, incident.id);
  await services.vendorReplies.reply(
    token,
    {
      name: 'Mark Ellison',
      email: null,
      text:
        'Our engineer updated the .NET runtime for the imaging bridge during a support call. He should ' +
        'have booked a window first; the next update will come through a change request.',
    },
    { ip: null, userAgent: 'Accord demo' },
  );
}

const RULES = `Every change to a client's systems is booked as a change request with us first: what will change, on which machines, in which window, and how it is undone if it goes wrong.

Changes are made only inside an approved window. A window is at most 72 hours; we approve routine requests within one business day.

In an emergency, make the change and declare it within 24 hours: we approve it afterwards with you.

Connect only with the accounts we have on file for you, and tell us when someone leaves your team.

Changes made outside an approved window are recorded with the evidence and may be charged to the client as clean-up.`;
