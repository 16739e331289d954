// The calendars module's public face.
export {
  findCalendar as findCurrentCalendar,
  findCalendars as findCurrentCalendars,
  findVersionsByIds as findCalendarVersions,
} from './calendars.repository.ts';
export { createCalendarRoutes } from './calendars.routes.ts';
export { type CalendarService, createCalendarService, toBusinessCalendar } from './calendars.service.ts';
