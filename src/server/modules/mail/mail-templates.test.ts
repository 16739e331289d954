import { describe, expect, it } from 'vitest';
import { templateKeys } from '../../../shared/api/mail.ts';
import { MAX_ATTEMPTS, retryAt } from './mail-delivery.ts';
import { defaultTemplates, renderTemplate, unknownPlaceholders } from './mail-templates.ts';

describe('email templates', () => {
  it.each(templateKeys)('ships a default for %s that uses only its own placeholders', (key) => {
    expect(unknownPlaceholders(key, defaultTemplates[key])).toEqual([]);
    if (key.startsWith('ticket.') || key.startsWith('sla.')) {
      expect(defaultTemplates[key].subject).toContain('[#{{ticket.number}}]');
    }
  });

  it('escapes values in HTML only, and keeps the subject to one line', () => {
    const rendered = renderTemplate(
      {
        subject: '[#{{ticket.number}}] {{ticket.title}}',
        textBody: '{{ticket.title}}',
        htmlBody: '<p>{{ticket.title}}</p>',
      },
      { 'ticket.number': '7', 'ticket.title': 'A <b> & "c"\r\nBcc: x@example.com' },
    );
    expect(rendered.subject).toBe('[#7] A <b> & "c" Bcc: x@example.com');
    expect(rendered.text).toBe('A <b> & "c"\r\nBcc: x@example.com');
    expect(rendered.html).toBe('<p>A &lt;b&gt; &amp; &quot;c&quot;\r\nBcc: x@example.com</p>');
  });

  it('renders a missing value empty and tolerates spaces inside the braces', () => {
    expect(
      renderTemplate({ subject: 'Hi {{ recipient.name }}!', textBody: '', htmlBody: null }, {}).subject,
    ).toBe('Hi !');
  });

  it('names placeholders a key does not offer', () => {
    expect(
      unknownPlaceholders('mail.test', {
        subject: '{{ticket.title}}',
        textBody: '{{organization.name}} {{x.y}}',
        htmlBody: null,
      }),
    ).toEqual(['ticket.title', 'x.y']);
  });
});

describe('retry schedule', () => {
  it('waits 1 min, 5 min, 30 min, 2 h, 6 h after each failure, and gives up after the sixth', () => {
    expect(MAX_ATTEMPTS).toBe(6);
    const failedAt = new Date('2026-03-02T09:00:00Z');
    const waits = [1, 2, 3, 4, 5].map(
      (attempts) => (retryAt(failedAt, attempts)!.getTime() - failedAt.getTime()) / 1000,
    );
    expect(waits).toEqual([60, 300, 1800, 7200, 21600]);
    expect(retryAt(failedAt, 6)).toBeNull();
  });
});
