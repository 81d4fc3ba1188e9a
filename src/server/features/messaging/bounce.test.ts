import { describe, expect, it } from 'vitest'
import { classifyBounce, messageIdsIn, parseDeliveryStatus } from './bounce'
import { toMailParts } from './bounce-mail'

const OURS = '<4f1c0d2e9a7b6c5d4e3f2a1b0c9d8e7f@crm.nordlicht.example>'
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n')

/** Postfix: multipart/report with the status and the returned message's headers. */
const postfix = crlf(`Return-Path: <>
From: MAILER-DAEMON@mail.nordlicht.example (Mail Delivery System)
To: vertrieb@nordlicht.example
Subject: Undelivered Mail Returned to Sender
Message-Id: <20261204093011.1A2B3C@mail.nordlicht.example>
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
 boundary="7C2F1E0A.1733304611/mail.nordlicht.example"

--7C2F1E0A.1733304611/mail.nordlicht.example
Content-Description: Notification
Content-Type: text/plain; charset=utf-8

This is the mail system at host mail.nordlicht.example.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<anna.mueller@example.de>: host mx.example.de[192.0.2.10] said: 550 5.1.1
    <anna.mueller@example.de>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--7C2F1E0A.1733304611/mail.nordlicht.example
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.nordlicht.example
X-Postfix-Queue-ID: 1A2B3C
Arrival-Date: Fri,  4 Dec 2026 10:30:10 +0100 (CET)

Final-Recipient: rfc822; anna.mueller@example.de
Original-Recipient: rfc822;anna.mueller@example.de
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.de
Diagnostic-Code: smtp; 550 5.1.1 <anna.mueller@example.de>: Recipient address
    rejected: User unknown in virtual mailbox table

--7C2F1E0A.1733304611/mail.nordlicht.example
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Nordlicht GmbH <vertrieb@nordlicht.example>
To: anna.mueller@example.de
Subject: Wir vermissen Sie, Frau Dr. =?UTF-8?Q?M=C3=BCller?=
Message-ID: ${OURS}
Date: Fri, 04 Dec 2026 09:30:10 +0000

--7C2F1E0A.1733304611/mail.nordlicht.example--
`)

/** Exchange in German: "Unzustellbar", with the whole returned message attached. */
const exchange = crlf(`From: "Microsoft Outlook" <postmaster@kunde.example>
To: <vertrieb@nordlicht.example>
Subject: Unzustellbar: Wir vermissen Sie
Content-Type: multipart/report; report-type=delivery-status; boundary="b1"
MIME-Version: 1.0
Message-ID: <ndr-1@kunde.example>

--b1
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Die Nachricht konnte an folgende Empf=C3=A4nger nicht zugestellt werden:
einkauf@kunde.example
Das E-Mail-Konto existiert nicht.

--b1
Content-Type: message/delivery-status

Reporting-MTA: dns;EX01.kunde.example
Received-From-MTA: dns;mail.nordlicht.example

Final-Recipient: rfc822;einkauf@kunde.example
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup

--b1
Content-Type: message/rfc822

From: Nordlicht GmbH <vertrieb@nordlicht.example>
To: einkauf@kunde.example
Subject: Wir vermissen Sie
Message-ID: ${OURS}

Guten Tag,
wir vermissen Sie.

--b1--
`)

/** A mailbox full, given up on after days of retries. */
const gaveUp = crlf(`From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: vertrieb@nordlicht.example
Subject: Delivery Status Notification (Failure)
Content-Type: multipart/report; boundary="g1"; report-type=delivery-status

--g1
Content-Type: text/plain; charset="UTF-8"

The recipient's inbox is full and can't accept messages now.

--g1
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com

Final-Recipient: rfc822; voll@gmail.example
Action: failed
Status: 4.2.2
Diagnostic-Code: smtp; 452 4.2.2 The email account that you tried to reach is over quota.

--g1
Content-Type: text/rfc822-headers

Message-ID: ${OURS}
Subject: Wir vermissen Sie

--g1--
`)

/** Still trying: a warning, not a failure. */
const delayed = crlf(`From: MAILER-DAEMON@mail.nordlicht.example
To: vertrieb@nordlicht.example
Subject: Delayed Mail (still being retried)
Content-Type: multipart/report; report-type=delivery-status; boundary="d1"

--d1
Content-Type: text/plain

This is a warning only.

--d1
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.nordlicht.example

Final-Recipient: rfc822; langsam@example.de
Action: delayed
Status: 4.4.1
Will-Retry-Until: Fri, 9 Dec 2026 10:30:10 +0100

--d1
Content-Type: text/rfc822-headers

Message-ID: ${OURS}

--d1--
`)

/** qmail: plain text, no report. */
const qmail = crlf(`From: MAILER-DAEMON@mx.beispiel.example
To: vertrieb@nordlicht.example
Subject: failure notice
Content-Type: text/plain

Hi. This is the qmail-send program at mx.beispiel.example.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<weg@beispiel.example>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Return-Path: <vertrieb@nordlicht.example>
Message-ID: ${OURS}
Subject: Wir vermissen Sie
`)

/** An out-of-office reply to one of our mails: not a bounce. */
const outOfOffice = crlf(`From: Anna Müller <anna.mueller@example.de>
To: vertrieb@nordlicht.example
Subject: Automatische Antwort: Wir vermissen Sie
Auto-Submitted: auto-replied
In-Reply-To: ${OURS}
Content-Type: text/plain; charset=utf-8

Ich bin bis zum 14.12. nicht im Büro.
`)

/** An ordinary answer of a customer. */
const answer = crlf(`From: Bernd Schulz <bernd@example.de>
To: vertrieb@nordlicht.example
Subject: Re: Wir vermissen Sie
In-Reply-To: ${OURS}
Content-Type: text/plain; charset=utf-8

Rufen Sie mich gern an.
`)

describe('returned mail', () => {
  it('reads a Postfix report: hard, the recipient, the status, the diagnostic, our Message-ID', async () => {
    const verdict = classifyBounce(await toMailParts(postfix))
    expect(verdict).toMatchObject({
      bounce: true,
      kind: 'hard',
      recipient: { address: 'anna.mueller@example.de', action: 'failed', status: '5.1.1' },
    })
    if (!verdict.bounce) throw new Error('no bounce')
    expect(verdict.recipient.diagnostic).toMatch(/^550 5\.1\.1 .*User unknown in virtual mailbox table$/)
    expect(verdict.messageIds).toContain(OURS)
    expect(verdict.messageIds).not.toContain('<20261204093011.1A2B3C@mail.nordlicht.example>')
  })

  it('reads a German Exchange NDR with the returned message attached', async () => {
    const verdict = classifyBounce(await toMailParts(exchange))
    expect(verdict).toMatchObject({
      bounce: true,
      kind: 'hard',
      recipient: { address: 'einkauf@kunde.example', status: '5.1.10' },
    })
    if (verdict.bounce) expect(verdict.messageIds).toContain(OURS)
  })

  it('a mailbox full, given up on, is a soft bounce', async () => {
    expect(classifyBounce(await toMailParts(gaveUp))).toMatchObject({
      bounce: true,
      kind: 'soft',
      recipient: { address: 'voll@gmail.example', status: '4.2.2' },
    })
  })

  it('a delay warning, an out-of-office reply and an answer are not bounces', async () => {
    expect(classifyBounce(await toMailParts(delayed))).toEqual({ bounce: false, reason: 'delayed' })
    expect(classifyBounce(await toMailParts(outOfOffice))).toEqual({ bounce: false, reason: 'auto_reply' })
    expect(classifyBounce(await toMailParts(answer))).toEqual({ bounce: false, reason: 'not_a_bounce' })
  })

  it('reads a plain-text qmail notice: hard, the address, our Message-ID', async () => {
    const verdict = classifyBounce(await toMailParts(qmail))
    expect(verdict).toMatchObject({
      bounce: true,
      kind: 'hard',
      recipient: { address: 'weg@beispiel.example', status: '5.1.1' },
    })
    if (verdict.bounce) expect(verdict.messageIds).toContain(OURS)
  })

  it('parses status blocks with folded lines, and finds Message-IDs in text', () => {
    expect(
      parseDeliveryStatus(
        'Reporting-MTA: dns; a\n\nFinal-Recipient: rfc822; x@y.de\nDiagnostic-Code: smtp; 550\n  no such user\n',
      ),
    ).toEqual([
      { 'reporting-mta': 'dns; a' },
      { 'final-recipient': 'rfc822; x@y.de', 'diagnostic-code': 'smtp; 550 no such user' },
    ])
    expect(messageIdsIn(`a ${OURS} b <x@y> <not an id> ${OURS}`)).toEqual([OURS, '<x@y>'])
  })
})
