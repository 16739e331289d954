// Business calendars: the API shapes around the calendar definition.
import { z } from 'zod';
import { calendarDefinitionSchema } from '../business-time/calendar-schema.ts';
import { instantSchema as instant } from './common.ts';

export const calendarInputSchema = calendarDefinitionSchema.extend({
  name: z.string().trim().min(1).max(200),
});
export type CalendarInput = z.infer<typeof calendarInputSchema>;

export const calendarSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number().int(),
  timeZone: z.string(),
  weeklyHours: calendarDefinitionSchema.shape.weeklyHours,
  holidays: z.array(z.string()),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Calendar = z.infer<typeof calendarSchema>;

export const calendarVersionSchema = calendarSchema
  .omit({ name: true, updatedAt: true })
  .extend({ calendarId: z.uuid() });

export const dueQuerySchema = z.object({
  from: instant,
  minutes: z.coerce.number().int().min(0).max(525_600),
  version: z.coerce.number().int().min(1).optional(),
});

export const businessMinutesQuerySchema = z
  .object({ from: instant, to: instant, version: z.coerce.number().int().min(1).optional() })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 1000 * 86_400_000, {
    message: 'The range may span at most 1000 days',
    path: ['to'],
  });

export const dueResultSchema = z.object({ dueAt: z.iso.datetime() });
export const businessMinutesResultSchema = z.object({ minutes: z.number().int() });
