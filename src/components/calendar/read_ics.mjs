// Reads an iCalendar file with ical.js (the library web calendars such as Thunderbird's are
// built on) and prints what it understood as JSON, for ics_writer_test.cc to check.
// Usage: node read_ics.mjs <path to ical.js> <file.ics> [occurrences to expand, default 6]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [icalPath, icsPath, countArg] = process.argv.slice(2);
const { default: ICAL } = await import(pathToFileURL(icalPath).href);
const occurrencesWanted = Number(countArg ?? 6);

const calendar = new ICAL.Component(ICAL.parse(readFileSync(icsPath, 'utf8')));
const timezones = calendar.getAllSubcomponents('vtimezone');
// A TZID resolves to its rules only once the VTIMEZONE is registered; property values are
// decoded lazily, so registering before reading any event is enough.
for (const vtimezone of timezones) {
  ICAL.TimezoneService.register(vtimezone);
}

function time(value) {
  if (!value) return null;
  return {
    local: value.toString(),
    // The zone ical.js resolved the value in: the registered VTIMEZONE's TZID, 'UTC', or
    // 'floating' when the TZID named no VTIMEZONE of the file.
    tzid: value.isDate ? null : value.zone?.tzid ?? null,
    isDate: value.isDate,
    utc: value.isDate ? null : new Date(value.toUnixTime() * 1000).toISOString(),
  };
}

function person(property) {
  return {
    email: property.getFirstValue(),
    cn: property.getParameter('cn') ?? null,
    role: property.getParameter('role') ?? null,
    partstat: property.getParameter('partstat') ?? null,
    rsvp: property.getParameter('rsvp') ?? null,
  };
}

const events = calendar.getAllSubcomponents('vevent').map((vevent) => {
  const event = new ICAL.Event(vevent);
  const occurrences = [];
  if (event.isRecurring()) {
    const iterator = event.iterator();
    for (let next = iterator.next(); next && occurrences.length < occurrencesWanted;
         next = iterator.next()) {
      occurrences.push(time(next));
    }
  }
  const organizer = vevent.getFirstProperty('organizer');
  return {
    uid: event.uid,
    sequence: event.sequence,
    summary: event.summary,
    description: event.description ?? null,
    location: event.location ?? null,
    url: vevent.getFirstPropertyValue('url') ?? null,
    status: vevent.getFirstPropertyValue('status') ?? null,
    dtstamp: time(vevent.getFirstPropertyValue('dtstamp')),
    created: time(vevent.getFirstPropertyValue('created')),
    lastModified: time(vevent.getFirstPropertyValue('last-modified')),
    categories: vevent.getAllProperties('categories').flatMap((p) => p.getValues()),
    start: time(event.startDate),
    end: time(event.endDate),
    recurrenceId: time(event.recurrenceId),
    rrule: vevent.getFirstPropertyValue('rrule')?.toString() ?? null,
    exdates: vevent.getAllProperties('exdate').map((p) => time(p.getFirstValue())),
    organizer: organizer ? person(organizer) : null,
    attendees: vevent.getAllProperties('attendee').map(person),
    occurrences,
  };
});

console.log(JSON.stringify({
  version: calendar.getFirstPropertyValue('version'),
  prodid: calendar.getFirstPropertyValue('prodid'),
  calscale: calendar.getFirstPropertyValue('calscale'),
  method: calendar.getFirstPropertyValue('method'),
  name: calendar.getFirstPropertyValue('x-wr-calname'),
  timezones: timezones.map((vtimezone) => vtimezone.getFirstPropertyValue('tzid')),
  events,
}));
