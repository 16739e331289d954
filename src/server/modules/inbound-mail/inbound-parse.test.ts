import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import {
  bounceMail,
  bulkMail,
  charsetMail,
  japaneseMail,
  latin1Mail,
  malformedMail,
  multipartMail,
  outOfOfficeMail,
  plainMail,
} from '../../../../test/inbound-mails.ts';
import { safeFileName } from '../files/index.ts';
import { htmlToText } from './html-text.ts';
import { defaultInboundLimits, InboundParseError, parseInbound } from './inbound-parse.ts';
import { automaticReason, stripQuotedReply, ticketReference } from './mail-rules.ts';

const CRLF = '\r\n';
const pdf = Buffer.from('%PDF-1.4\n%âãÏÓ\n1 0 obj << >> endobj\n', 'latin1');

describe('parseInbound: text in any charset', () => {
  it.each([
    [
      'ISO-8859-1, quoted-printable',
      latin1Mail(),
      'Drucker läuft nicht',
      'der Drucker im Büro läuft nicht. Grüße aus Köln!',
    ],
    [
      'windows-1252 with curly quotes and the euro sign',
      charsetMail('windows-1252', {
        subject: '„Toner“ – 5 €',
        text: 'The “good” toner costs 5 € – please order.\n',
      }),
      '„Toner“ – 5 €',
      'The “good” toner costs 5 € – please order.',
    ],
    [
      'KOI8-R',
      charsetMail('KOI8-R', {
        subject: 'Принтер не работает',
        text: 'Здравствуйте, принтер снова не печатает.\n',
      }),
      'Принтер не работает',
      'Здравствуйте, принтер снова не печатает.',
    ],
    [
      'ISO-2022-JP',
      japaneseMail(),
      'プリンターが動きません',
      'お世話になっております。\n二階のプリンターが動きません。',
    ],
    [
      'UTF-8, quoted-printable with a line longer than 76 characters',
      plainMail({ subject: 'Ärger mit dem Drucker 🖨️', text: `${'Ünïcödé '.repeat(20).trim()}\n` }),
      'Ärger mit dem Drucker 🖨️',
      'Ünïcödé '.repeat(20).trim(),
    ],
  ])('reads %s', async (_, raw, subject, text) => {
    const mail = await parseInbound(raw);
    expect(mail.subject).toBe(subject);
    expect(mail.text).toContain(text);
  });

  it('decodes encoded-word sender names', async () => {
    expect((await parseInbound(latin1Mail())).from).toEqual({
      address: 'juergen@kunde.example',
      name: 'Jürgen Weiß',
    });
    expect((await parseInbound(japaneseMail())).from?.name).toBe('山田 太郎');
  });

  it('puts a folded subject on one line', async () => {
    const raw = plainMail({ headers: { Subject: `Printer offline${CRLF} on the second${CRLF}\tfloor` } });
    expect((await parseInbound(raw)).subject).toBe('Printer offline on the second floor');
  });

  it('gives normalized newlines with no trailing blank lines', async () => {
    const mail = await parseInbound(plainMail({ text: 'First line   \nSecond line\n\n\n' }));
    expect(mail.text).toBe('First line\nSecond line');
  });
});

describe('parseInbound: HTML bodies', () => {
  const html =
    '<html><head><title>Ticket</title><style>p { color: red }</style></head><body>' +
    '<p>The printer shows <b>Error&nbsp;50</b> &amp; beeps.</p><script>alert("x")</script>' +
    '<p>Photo: <img src="cid:photo@client.example"></p></body></html>';

  it.each([
    ['a single text/html part', multipartMail({ text: null, html })],
    [
      'an HTML part beside a file (mailparser gives no text for it)',
      multipartMail({
        text: null,
        html,
        attachments: [{ fileName: 'report.pdf', contentType: 'application/pdf', content: pdf }],
      }),
    ],
  ])('turns %s into readable text without tags, script or style', async (_, raw) => {
    const mail = await parseInbound(raw);
    expect(mail.text).toBe('The printer shows Error 50 & beeps.\n\nPhoto:');
  });

  it('prefers the text part of multipart/alternative', async () => {
    const mail = await parseInbound(multipartMail({ text: 'Plain words\n', html: '<p>HTML words</p>' }));
    expect(mail.text).toBe('Plain words');
  });
});

describe('parseInbound: who and which thread', () => {
  it('reads ids, addresses and the date', async () => {
    const mail = await parseInbound(
      plainMail({
        from: '"Reyes, Dana" <Dana.Reyes@Client.Example>',
        to: ['Support <SUPPORT@msp.example>', 'it@client.example'],
        cc: ['Eva Müller <Eva@Client.example>', 'it@client.example'],
        messageId: '<reply-7@client.example>',
        inReplyTo: '<ticket-1042-3@msp.example>',
        references: ['<ticket-1042-1@msp.example>', '<ticket-1042-3@msp.example>'],
        date: new Date('2026-03-03T09:30:00Z'),
        headers: { 'Reply-To': 'Helpdesk <IT@client.example>' },
      }),
    );
    expect(mail).toMatchObject({
      messageId: '<reply-7@client.example>',
      inReplyTo: ['<ticket-1042-3@msp.example>'],
      references: ['<ticket-1042-1@msp.example>', '<ticket-1042-3@msp.example>'],
      from: { address: 'dana.reyes@client.example', name: 'Reyes, Dana' },
      replyTo: 'it@client.example',
      to: ['support@msp.example', 'it@client.example'],
      cc: ['eva@client.example', 'it@client.example'],
      date: new Date('2026-03-03T09:30:00Z'),
      automatic: null,
    });
  });

  it.each([
    [
      'an In-Reply-To with a comment',
      "<a@client.example> (Dana's message of 3 March)",
      ['<a@client.example>'],
    ],
    ['an id without brackets', 'a@client.example', ['<a@client.example>']],
  ])('reads %s', async (_, inReplyTo, ids) => {
    expect((await parseInbound(plainMail({ inReplyTo }))).inReplyTo).toEqual(ids);
  });

  it('has no message id, subject or date when the headers are missing or broken', async () => {
    const mail = await parseInbound(
      plainMail({ headers: { 'Message-ID': null, Subject: null, Date: 'yesterday-ish' } }),
    );
    // mailparser alone would give the current time for an unreadable Date.
    expect(mail).toMatchObject({ messageId: null, subject: '', date: null });
  });
});

describe('parseInbound: attachments', () => {
  it('decodes file names and contents', async () => {
    const name = 'Bericht für März 2026 – Überstunden und Änderungen der Abrechnung.pdf';
    const mail = await parseInbound(
      multipartMail({
        attachments: [
          { fileName: name, contentType: 'application/pdf', content: pdf },
          { fileName: 'notes.txt', contentType: 'text/plain', content: 'toner: 2x\n' },
        ],
      }),
    );
    expect(
      mail.attachments.map(({ fileName, contentType, size }) => ({ fileName, contentType, size })),
    ).toEqual([
      { fileName: name, contentType: 'application/pdf', size: pdf.length },
      { fileName: 'notes.txt', contentType: 'text/plain', size: 10 },
    ]);
    expect(mail.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(mail.text).not.toContain('toner');
  });

  it('stores ../../etc/passwd as passwd', async () => {
    const mail = await parseInbound(
      multipartMail({
        attachments: [{ fileName: '../../etc/passwd', contentType: 'text/plain', content: 'x' }],
      }),
    );
    expect(mail.attachments[0]!.fileName).toBe('passwd');
  });

  it('marks images the HTML shows by cid as inline', async () => {
    const mail = await parseInbound(
      multipartMail({
        html: '<p>See <img src="cid:screenshot.png@01DA1234"></p>',
        attachments: [
          {
            fileName: 'screenshot.png',
            contentType: 'image/png',
            content: Buffer.from([0x89, 0x50]),
            contentId: 'screenshot.png@01DA1234',
          },
          { fileName: 'log.txt', contentType: 'text/plain', content: 'log' },
        ],
      }),
    );
    expect(
      mail.attachments.map(({ fileName, contentId, isInline }) => ({ fileName, contentId, isInline })),
    ).toEqual([
      { fileName: 'screenshot.png', contentId: 'screenshot.png@01DA1234', isInline: true },
      { fileName: 'log.txt', contentId: null, isInline: false },
    ]);
  });

  it.each([['attachment'], ['inline']] as const)(
    'keeps a forwarded message (%s) as an .eml file, its text out of the body',
    async (disposition) => {
      const forwarded = plainMail({ subject: 'Invoice overdue', text: 'Please pay invoice 77.\n' });
      const mail = await parseInbound(
        multipartMail({
          text: 'See the mail below.\n',
          attachments: [
            { fileName: 'Invoice overdue', contentType: 'message/rfc822', content: forwarded, disposition },
          ],
        }),
      );
      expect(mail.text).toBe('See the mail below.');
      expect(mail.attachments).toMatchObject([
        { fileName: 'Invoice overdue.eml', contentType: 'message/rfc822' },
      ]);
      expect(mail.attachments[0]!.content.toString()).toContain('Please pay invoice 77.');
    },
  );

  it('skips a 20 MB attachment as too_large and keeps the rest of the mail', async () => {
    const mail = await parseInbound(
      multipartMail({
        text: 'Logs attached.\n',
        attachments: [
          {
            fileName: 'disk.img',
            contentType: 'application/octet-stream',
            content: Buffer.alloc(20 * 1024 * 1024, 1),
          },
          { fileName: 'summary.txt', contentType: 'text/plain', content: 'all fine' },
        ],
      }),
    );
    expect(mail.text).toBe('Logs attached.');
    expect(mail.skippedAttachments).toEqual([
      { fileName: 'disk.img', size: 20 * 1024 * 1024, reason: 'too_large' },
    ]);
    expect(mail.attachments.map((attachment) => attachment.fileName)).toEqual(['summary.txt']);
  });

  it.each([
    [{ ...defaultInboundLimits, maxAttachments: 2 }, ['a.txt', 'b.txt'], [['c.txt', 'too_many']]],
    [
      { ...defaultInboundLimits, maxTotalAttachmentBytes: 25 },
      ['a.txt', 'b.txt'],
      [['c.txt', 'total_too_large']],
    ],
    [
      { ...defaultInboundLimits, maxAttachmentBytes: 9 },
      [],
      ['a.txt', 'b.txt', 'c.txt'].map((name) => [name, 'too_large']),
    ],
  ])('keeps files within %j', async (limits, kept, skipped) => {
    const files = ['a.txt', 'b.txt', 'c.txt'].map((fileName) => ({
      fileName,
      contentType: 'text/plain',
      content: '0123456789',
    }));
    const mail = await parseInbound(multipartMail({ attachments: files }), limits);
    expect(mail.attachments.map((attachment) => attachment.fileName)).toEqual(kept);
    expect(mail.skippedAttachments.map(({ fileName, reason }) => [fileName, reason])).toEqual(skipped);
  });
});

describe('parseInbound: automatic mail', () => {
  it.each([
    ['an Exchange out-of-office', outOfOfficeMail(), 'Auto-Submitted: auto-replied'],
    ['a Gmail vacation reply', outOfOfficeMail({ client: 'gmail' }), 'Auto-Submitted: auto-replied'],
    ['a newsletter', bulkMail(), 'Precedence: bulk'],
    ['a bounce', bounceMail(), 'Auto-Submitted: auto-replied'],
    [
      'a bounce without Auto-Submitted',
      bounceMail({ headers: { 'Auto-Submitted': null } }),
      'bounce (empty Return-Path)',
    ],
    [
      'an out-of-office known only by its subject',
      plainMail({ subject: 'Automatic reply: [#1042] Printer offline' }),
      'out-of-office subject',
    ],
    ['a normal reply', plainMail({ subject: 'Re: [#1042] Printer offline' }), null],
    [
      'a reply that mentions an absence',
      plainMail({ subject: 'Re: Out of office next week, who covers?' }),
      null,
    ],
  ])('knows %s', async (_, raw, reason) => {
    expect((await parseInbound(raw)).automatic).toBe(reason);
  });

  it('keeps the bounced original as an attachment', async () => {
    const mail = await parseInbound(bounceMail());
    expect(mail.attachments).toMatchObject([{ fileName: 'attachment.eml', contentType: 'message/rfc822' }]);
    expect(mail.text).toContain('550 5.1.1 User unknown');
  });
});

describe('parseInbound: what is not usable mail', () => {
  it.each([
    ['empty input', Buffer.alloc(0), /empty/],
    ['only blank lines', Buffer.from('\r\n\r\n'), /empty/],
    ['binary data (a zip file)', malformedMail('binary'), /not an email: its header holds binary data/],
    ['text with no header', malformedMail('no-header'), /does not start with a header field/],
    ['a PDF', pdf, /does not start with a header field/],
    [
      'a header running into the body',
      Buffer.from(`From: dana@client.example${CRLF}Subject: Printer${CRLF}The printer is offline.${CRLF}`),
      /no empty line between header and body: line 3/,
    ],
    [
      'a From with no address',
      malformedMail('no-from'),
      /From header holds no usable address: "undisclosed-recipients:;"/,
    ],
    ['a From with only a name', plainMail({ headers: { From: 'Dana Reyes' } }), /no usable address/],
    ['no From at all', plainMail({ headers: { From: null } }), /no From header/],
  ])('rejects %s, saying why', async (_, raw, message) => {
    const parsing = parseInbound(raw);
    await expect(parsing).rejects.toBeInstanceOf(InboundParseError);
    await expect(parsing).rejects.toThrow(message);
  });

  it.each([
    ['LF line ends', Buffer.from(plainMail().toString('latin1').replace(/\r\n/g, '\n'), 'latin1')],
    [
      'an mbox "From " line first',
      Buffer.concat([Buffer.from(`From dana@client.example Tue Mar  3 09:30:00 2026${CRLF}`), plainMail()]),
    ],
    ['a blank line before the header', Buffer.concat([Buffer.from(CRLF), plainMail()])],
    ['a header and no body', Buffer.from(`From: dana@client.example${CRLF}Subject: Printer offline${CRLF}`)],
    ['raw UTF-8 in the header (RFC 6532)', plainMail({ headers: { Subject: 'Drucker läuft nicht' } })],
  ])('still reads mail with %s', async (_, raw) => {
    const mail = await parseInbound(raw);
    expect(mail.from?.address).toBe('dana@client.example');
  });
});

describe('ticketReference', () => {
  it.each([
    ['[#1042] Printer offline', 1042],
    ['Re: [#1042] Printer offline', 1042],
    ['AW: Printer offline [# 1042]', 1042],
    ['Re: [Ticket #1042] Printer offline', 1042],
    ['Fwd: [ticket#7]', 7],
    ['Re: [#1042] Fwd: [#99] merged', 1042],
    ['#1042 Printer offline', null],
    ['[#abc] Printer offline', null],
    ['[1042] Printer offline', null],
    ['[#] Printer offline', null],
    ['[#0] Printer offline', null],
    ['', null],
  ])('finds %j → %j', (subject, number) => {
    expect(ticketReference(subject)).toBe(number);
  });
});

describe('automaticReason', () => {
  const person = 'dana@client.example';
  it.each([
    [{ 'Auto-Submitted': 'auto-replied' }, '', 'Auto-Submitted: auto-replied'],
    [
      { 'auto-submitted': 'auto-generated; owner-email="it@client.example"' },
      '',
      'Auto-Submitted: auto-generated',
    ],
    [{ 'Auto-Submitted': 'no' }, '', null],
    [{ Precedence: 'bulk' }, '', 'Precedence: bulk'],
    [{ Precedence: 'junk' }, '', 'Precedence: junk'],
    [{ Precedence: 'list' }, '', 'Precedence: list'],
    [{ Precedence: 'auto_reply' }, '', 'Precedence: auto_reply'],
    [{ Precedence: 'first-class' }, '', null],
    [{ 'X-Autoreply': 'yes' }, '', 'X-Autoreply: yes'],
    [{ 'X-Autorespond': 'Out of office' }, '', 'X-Autorespond: Out of office'],
    [{ 'X-Auto-Response-Suppress': 'All' }, '', 'X-Auto-Response-Suppress: All'],
    [
      { 'X-Auto-Response-Suppress': 'DR, OOF, AutoReply' },
      '',
      'X-Auto-Response-Suppress: DR, OOF, AutoReply',
    ],
    [{ 'X-Auto-Response-Suppress': 'DR, RN, NRN' }, '', null],
    [
      { 'X-MS-Exchange-Generated-Message-Source': 'Mailbox Rules Agent' },
      '',
      'X-MS-Exchange-Generated-Message-Source: Mailbox Rules Agent',
    ],
    [{ 'List-Id': '<it.client.example>' }, '', 'mailing list (List-Id)'],
    [{ 'List-Unsubscribe': '<mailto:leave@lists.example>' }, '', 'mailing list (List-Unsubscribe)'],
    [{ 'Return-Path': '<>' }, '', 'bounce (empty Return-Path)'],
    [{ 'Return-Path': '<dana@client.example>' }, '', null],
    [
      { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="x"' },
      '',
      'delivery report (multipart/report)',
    ],
    [
      { 'Content-Type': 'multipart/report; report-type="disposition-notification"' },
      '',
      'read receipt (multipart/report)',
    ],
    [{}, 'Out of Office: [#1042] Printer offline', 'out-of-office subject'],
    [{}, 'Out of office', 'out-of-office subject'],
    [{}, 'Automatic reply: Printer offline', 'out-of-office subject'],
    [{}, 'Auto-Reply: Printer offline', 'out-of-office subject'],
    [{}, 'Abwesenheitsnotiz: Drucker', 'out-of-office subject'],
    [{}, 'Automatische Antwort: Drucker', 'out-of-office subject'],
    [{}, 'Réponse automatique : Imprimante', 'out-of-office subject'],
    [{}, 'Delivery Status Notification (Failure)', 'delivery-failure subject'],
    [{}, 'Undeliverable: [#1042] Printer offline', 'delivery-failure subject'],
    [{}, 'Re: [#1042] Printer offline', null],
    [{}, 'Re: Automatic reply: looks broken', null],
    [{}, 'Out of office next week', null],
  ])('%j with subject %j → %j', (headers, subject, reason) => {
    expect(automaticReason(headers, subject, person)).toBe(reason);
  });

  it.each([
    ['MAILER-DAEMON@mx.client.example', 'bounce (sent by mailer-daemon)'],
    ['postmaster@client.example', 'bounce (sent by postmaster)'],
    ['dana@client.example', null],
    [null, null],
  ])('knows bounces by their sender %s', (from, reason) => {
    expect(automaticReason(new Map(), 'Printer offline', from)).toBe(reason);
  });

  it.each([
    ['an out-of-office', outOfOfficeMail(), 'Auto-Submitted: auto-replied'],
    ['a newsletter', bulkMail({ headers: { Precedence: null } }), 'mailing list (List-Id)'],
    ['a bounce', bounceMail({ headers: { 'Auto-Submitted': null } }), 'bounce (empty Return-Path)'],
    ['a person', plainMail(), null],
  ])("reads mailparser's own header map of %s", async (_, raw, reason) => {
    const mail = await simpleParser(raw);
    expect(automaticReason(mail.headers, mail.subject ?? '', null)).toBe(reason);
  });
});

describe('safeFileName', () => {
  it.each([
    ['report.pdf', 'application/pdf', 'report.pdf'],
    ['../../etc/passwd', 'text/plain', 'passwd'],
    ['C:\\Users\\dana\\Desktop\\scan.png', 'image/png', 'scan.png'],
    ['.htaccess', 'text/plain', 'htaccess'],
    ['...', 'application/pdf', 'attachment.pdf'],
    ['bad\u0000name\u0007.txt', 'text/plain', 'badname.txt'],
    ['invoice\u202efdp.exe', 'application/octet-stream', 'invoicefdp.exe'],
    ['what? <now>.txt', 'text/plain', 'what_ _now_.txt'],
    ['CON', 'text/plain', '_CON'],
    ['nul.txt', 'text/plain', '_nul.txt'],
    ['lpt1', 'text/plain', '_lpt1'],
    ['console.log', 'text/plain', 'console.log'],
    ['trailing. . ', 'text/plain', 'trailing'],
    [null, 'image/jpeg', 'attachment.jpg'],
    [undefined, 'message/rfc822', 'attachment.eml'],
    ['', 'application/x-unknown', 'attachment'],
    ['/', 'text/plain; charset=utf-8', 'attachment.txt'],
  ])('%j (%s) → %j', (name, contentType, safe) => {
    expect(safeFileName(name, contentType)).toBe(safe);
  });

  it('copes with a hostile name of 100 000 dots and spaces', () => {
    expect(safeFileName(`a${'. '.repeat(100_000)}`, 'text/plain')).toBe('a');
  });

  it('cuts long names to 150 characters and keeps the extension', () => {
    const safe = safeFileName(`${'ä'.repeat(300)}.docx`, 'application/octet-stream');
    expect([...safe]).toHaveLength(150);
    expect(safe.endsWith('ä.docx')).toBe(true);
  });
});

describe('stripQuotedReply', () => {
  const quote = 'the printer is offline\n> again';
  it.each([
    [
      'Gmail',
      `Thanks, it works now.\n\nOn Tue, 3 Mar 2026 at 09:30, Support <support@msp.example> wrote:\n> ${quote}`,
    ],
    [
      'Gmail, attribution wrapped',
      `Thanks, it works now.\n\nOn Tue, 3 Mar 2026 at 09:30, Accord Support <\nsupport@msp.example> wrote:\n> ${quote}`,
    ],
    ['Thunderbird', `Thanks, it works now.\n\nOn 03.03.26 09:30, Support wrote:\n> ${quote}`],
    [
      'German',
      `Thanks, it works now.\n\nAm 03.03.2026 um 09:30 schrieb Support <support@msp.example>:\n> ${quote}`,
    ],
    [
      'German Gmail',
      `Thanks, it works now.\n\nSupport <support@msp.example> schrieb am Di., 3. März 2026, 09:30:\n> ${quote}`,
    ],
    [
      'French',
      `Thanks, it works now.\n\nLe mar. 3 mars 2026 à 09:30, Support <support@msp.example> a écrit :\n> ${quote}`,
    ],
    [
      'Spanish',
      `Thanks, it works now.\n\nEl mar, 3 mar 2026 a las 09:30, Support (<support@msp.example>) escribió:\n> ${quote}`,
    ],
    [
      'Dutch',
      `Thanks, it works now.\n\nOp di 3 mrt 2026 om 09:30 schreef Support <support@msp.example>:\n> ${quote}`,
    ],
    [
      'Outlook',
      'Thanks, it works now.\n\n-----Original Message-----\nFrom: Support\nSent: Tuesday, March 3, 2026 9:30 AM\nthe printer is offline',
    ],
    [
      'German Outlook',
      'Thanks, it works now.\n\n-----Ursprüngliche Nachricht-----\nVon: Support\nthe printer is offline',
    ],
    [
      'Outlook header block',
      'Thanks, it works now.\n\n________________________________\nFrom: Accord Support <support@msp.example>\nSent: Tuesday, March 3, 2026 9:30 AM\nTo: Dana Reyes\nSubject: [#1042] Printer offline\n\nthe printer is offline',
    ],
    [
      'German Outlook header block',
      'Thanks, it works now.\n\nVon: Accord Support <support@msp.example>\nGesendet: Dienstag, 3. März 2026 09:30\nAn: Dana Reyes\nBetreff: [#1042] Drucker',
    ],
    [
      'French Outlook header block',
      'Thanks, it works now.\n\nDe : Accord Support\nEnvoyé : mardi 3 mars 2026 09:30\nÀ : Dana Reyes',
    ],
    ['a bare quoted block', `Thanks, it works now.\n\n> ${quote}\n>\n> more`],
    ['a signature', 'Thanks, it works now.\n-- \nDana Reyes\nIT, Client Inc.'],
  ])('cuts a reply from %s', (_, text) => {
    expect(stripQuotedReply(text)).toBe('Thanks, it works now.');
  });

  it.each([
    ['an inline answer between quotes', '> Is the printer on?\nYes.\n> Which floor?\nSecond.'],
    ['a "From:" line that is not a header block', 'The error says\nFrom: spooler\nand then nothing happens.'],
    ['a plain message', 'Line one\n\nLine two'],
  ])('keeps %s whole', (_, text) => {
    expect(stripQuotedReply(text)).toBe(text);
  });

  it('reads a long inline-quoted thread in linear time', () => {
    const text = Array.from({ length: 50_000 }, (_, index) =>
      index % 2 ? `answer ${index}` : `> question ${index}`,
    ).join('\n');
    expect(stripQuotedReply(text)).toBe(text);
  });

  it('keeps the whole text when nothing new is above the quote', () => {
    const text = '-----Original Message-----\nFrom: Support\nthe printer is offline';
    expect(stripQuotedReply(text)).toBe(text);
  });

  it('cuts an Outlook reply read from a real message at -----Original Message-----', async () => {
    const mail = await parseInbound(
      multipartMail({
        subject: 'RE: [#1042] Printer offline',
        text: 'Works again, thanks!\n\nDana\n\n-----Original Message-----\nFrom: Accord Support <support@msp.example>\nSent: Tuesday, March 3, 2026 9:30 AM\nSubject: [#1042] Printer offline\n\nWe restarted the spooler.\n',
        html: '<p>Works again, thanks!</p><p>Dana</p>',
      }),
    );
    expect(mail.replyText).toBe('Works again, thanks!\n\nDana');
    expect(mail.text).toContain('We restarted the spooler.');
  });

  it('cuts a Gmail HTML-only reply at its quote', async () => {
    const html =
      '<div dir="ltr">Works again, thanks!</div><br><div class="gmail_quote"><div class="gmail_attr">On Tue, 3 Mar 2026 at 09:30, Accord Support &lt;support@msp.example&gt; wrote:<br></div><blockquote class="gmail_quote"><div>We restarted the spooler.</div></blockquote></div>';
    const mail = await parseInbound(multipartMail({ text: null, html }));
    expect(mail.text).toContain('> We restarted the spooler.');
    expect(mail.replyText).toBe('Works again, thanks!');
  });
});

describe('htmlToText', () => {
  it.each([
    ['<p>One</p><p>Two</p>', 'One\n\nTwo'],
    ['<div>One</div><div>Two</div>', 'One\nTwo'],
    ['<div>One</div><div><br></div><div>Two</div>', 'One\n\nTwo'],
    ['One<br>Two<br><br>Three', 'One\nTwo\n\nThree'],
    ['<ul><li>toner</li><li>paper</li></ul>', '- toner\n- paper'],
    [
      '<table><tr><td>Floor</td><td>2</td></tr><tr><td>Room</td><td>B12</td></tr></table>',
      'Floor 2\nRoom B12',
    ],
    [
      '<p>a &lt; b &amp;&amp; c &gt; d &quot;e&quot; &#8211; &#x20AC; &euro; &unknown;</p>',
      'a < b && c > d "e" – € € &unknown;',
    ],
    ['<a href="https://portal.example/t/1042">the ticket</a>', 'the ticket (https://portal.example/t/1042)'],
    ['<a href="https://portal.example/">https://portal.example/</a>', 'https://portal.example/'],
    ['<pre>line 1\n  indented</pre>', 'line 1\n  indented'],
    ['<blockquote>old<blockquote>older</blockquote></blockquote>new', '> old\n> > older\nnew'],
    ['<!-- hidden --><![if !supportLists]>shown<![endif]>', 'shown'],
    ['<p>before</p><script>var x = "</p>";', 'before'],
    ['x < y and <b>bold</b>', 'x < y and bold'],
    ['Press <Ctrl and click', 'Press <Ctrl and click'],
    ['<img src="x.png" alt="">', ''],
  ])('%j → %j', (html, text) => {
    expect(htmlToText(html)).toBe(text);
  });
});
