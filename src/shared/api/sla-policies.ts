// SLA policy shapes shared by the server, the OpenAPI document and the web app.
import { z } from 'zod';

export const priorities = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof priorities)[number];

/** The two clocks every ticket's SLA runs. */
export const slaClocks = ['first_response', 'resolution'] as const;
export type SlaClockName = (typeof slaClocks)[number];

const minutes = z.number().int().min(1).max(525_600);

export const slaTargetSchema = z.strictObject({
  firstResponseMinutes: minutes,
  resolutionMinutes: minutes,
  /** A priority may follow its own calendar (P1 around the clock while P3 keeps office hours). */
  calendarId: z.uuid().optional(),
});

export const slaTargetsSchema = z
  .strictObject({ P1: slaTargetSchema, P2: slaTargetSchema, P3: slaTargetSchema, P4: slaTargetSchema })
  .refine(
    (targets) => priorities.every((p) => targets[p].firstResponseMinutes <= targets[p].resolutionMinutes),
    {
      message: 'firstResponseMinutes must not exceed resolutionMinutes',
    },
  );

export type SlaTarget = z.infer<typeof slaTargetSchema>;
export type SlaTargets = z.infer<typeof slaTargetsSchema>;

export const slaPolicyInputSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  calendarId: z.uuid(),
  targets: slaTargetsSchema,
});
export type SlaPolicyInput = z.infer<typeof slaPolicyInputSchema>;

export const slaPolicySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  calendarId: z.uuid(),
  targets: slaTargetsSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type SlaPolicy = z.infer<typeof slaPolicySchema>;
