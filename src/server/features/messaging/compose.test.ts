import { describe, expect, it } from 'vitest'
import { type ComposeInput, composeEmail, defaultTemplates, textToHtml } from './compose'

const input = (over: Partial<ComposeInput> = {}): ComposeInput => ({
  template: defaultTemplates.de,
  language: 'de',
  customer: {
    salutation: 'Frau Dr.',
    firstName: 'Anna',
    lastName: 'Müller',
    number: 'K-1',
    name: 'Anna Müller',
  },
  company: {
    name: 'Nordlicht Handel GmbH',
    imprint: ['Nordlicht Handel GmbH', 'Hafenstr. 1, 20457 Hamburg'],
  },
  sender: { name: 'Julia Neumann' },
  measure: 'Gutschein',
  offer: '10 % auf die nächste Bestellung',
  unsubscribeUrl: 'https://crm.example.de/u/abc',
  ...over,
})

describe('composing an e-mail', () => {
  it('fills the merge fields with the salutation, the offer and the sender', async () => {
    const mail = await composeEmail(input())
    expect(mail.subject).toBe('Anna Müller, wir vermissen Sie')
    expect(mail.text.startsWith('Sehr geehrte Frau Dr. Müller,\n\n')).toBe(true)
    expect(mail.text).toContain('ein Angebot für Sie: 10 % auf die nächste Bestellung.')
    expect(mail.text).toContain('Julia Neumann\nNordlicht Handel GmbH')
  })

  it('always ends an advertising mail with the UWG objection notice, the link and the imprint', async () => {
    const mail = await composeEmail(
      input({ template: { subject: 'x', body: 'Nur ein Satz.', informal: false } }),
    )
    expect(mail.text).toContain(
      'jederzeit widersprechen, ohne dass hierfür andere als die Übermittlungskosten',
    )
    expect(mail.text).toContain('Abmelden mit einem Klick: https://crm.example.de/u/abc')
    expect(mail.text.endsWith('Nordlicht Handel GmbH\nHafenstr. 1, 20457 Hamburg')).toBe(true)
    const plain = await composeEmail(
      input({ unsubscribeUrl: null, language: 'en', template: defaultTemplates.en }),
    )
    expect(plain.text).not.toContain('object to the use')
    expect(plain.text.startsWith('Dear Dr Müller,')).toBe(true)
  })

  it('leaves the offer paragraph out without an offer, and greets informally on request', async () => {
    const mail = await composeEmail(
      input({ offer: null, template: { ...defaultTemplates.de, informal: true } }),
    )
    expect(mail.text).not.toContain('Angebot für Sie')
    // the empty conditions leave no gaps of blank lines
    expect(mail.text).not.toMatch(/\n\s*\n\s*\n/)
    expect(mail.text.startsWith('Hallo Anna,')).toBe(true)
  })

  it('runs templates sandboxed: no files, no prototypes, a clear error for a broken template', async () => {
    await expect(
      composeEmail(
        input({ template: { subject: 'x', body: "{% include '/etc/passwd' %}", informal: false } }),
      ),
    ).rejects.toThrow(/template/)
    const proto = await composeEmail(
      input({
        template: {
          subject: '{{ customer.constructor }}{{ customer.__proto__ }}',
          body: 'x',
          informal: false,
        },
      }),
    )
    expect(proto.subject).toBe('')
    await expect(
      composeEmail(input({ template: { subject: '{{ x | no_such_filter }}', body: 'x', informal: false } })),
    ).rejects.toThrow(/template: .*no_such_filter/)
    await expect(
      composeEmail(
        input({
          template: { subject: 'x', body: '{% for i in (1..100000000) %}{% endfor %}', informal: false },
        }),
      ),
    ).rejects.toThrow(/template/)
  })
})

describe('the HTML part', () => {
  it('escapes what people wrote and links the unsubscribe URL', () => {
    expect(textToHtml('<script>alert(1)</script> & "x"\n\nhttps://a.example/u/t')).toContain(
      '<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;</p><p><a href="https://a.example/u/t">https://a.example/u/t</a></p>',
    )
  })
})
