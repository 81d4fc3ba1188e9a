import { Alert, Badge, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ContactDecisionDto, ContactOverview } from '../../../../shared/api/contact'
import { formatDate } from '../../../../shared/i18n/format'
import type { Role } from '../../../../shared/roles'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { DateText } from '../../../ui/format'
import { useContactQuery, useWithdrawConsent } from '../hooks/useContact'
import { ConsentModal, FactsModal, ObjectionModal } from './ContactForms'

const finalBlockers = new Set(['erased', 'suppressed', 'gdpr_objection', 'objected', 'robinson_listed'])

function Decision({ d }: { d: ContactDecisionDto }) {
  const { t } = useI18n()
  if (d.allowed && d.basis) {
    return (
      <Stack gap={4}>
        <Text size="sm">
          {t(`contact.bases.${d.basis.basis}`)}{' '}
          <Text span size="xs" c="dimmed">
            ({d.basis.norm.citation})
          </Text>
        </Text>
        {d.evidence.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('contact.evidenceLabel')}:{' '}
            {d.evidence
              .map((e) =>
                e.years
                  ? t('contact.years', { text: t(`contact.evidence.${e.code}`), years: e.years })
                  : t(`contact.evidence.${e.code}`),
              )
              .join(' · ')}
          </Text>
        )}
      </Stack>
    )
  }
  const blockers = [...new Map(d.blockers.map((b) => [b.code, b])).values()]
  // after an erasure, a suppression or an objection nothing but the person themself can make contact lawful again
  const final = blockers.some((b) => finalBlockers.has(b.code))
  return (
    <Stack gap={4}>
      <List size="sm" spacing={2}>
        {blockers.map((b) => (
          <List.Item key={b.code} data-blocker={b.code}>
            {t(`contact.blockers.${b.code}`)}
            {b.norm && (
              <Text span size="xs" c="dimmed">
                {' '}
                ({b.norm.citation})
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      {!final && d.alternatives.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('contact.wouldAllow')}:{' '}
          {d.alternatives
            .map(
              (a) =>
                `${t(`contact.bases.${a.basis}`)} (${a.norm.citation})${
                  a.missing.length > 0
                    ? ` – ${t('contact.missing', {
                        items: a.missing.map((m) => t(`contact.blockers.${m}`)).join(' '),
                      })}`
                    : ''
                }`,
            )
            .join(' | ')}
        </Text>
      )}
    </Stack>
  )
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  const { t } = useI18n()
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value ?? t('contact.notRecorded')}</Text>
    </div>
  )
}

function Facts({ facts }: { facts: ContactOverview['facts'] }) {
  const { t, locale } = useI18n()
  const date = (d: string | null) => (d ? formatDate(d, locale) : null)
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
      <Fact label={t('contact.field.emailOrigin')} value={facts.emailOrigin} />
      <Fact label={t('contact.field.optOutNoticeVersion')} value={facts.optOutNoticeVersion} />
      <Fact
        label={t('contact.field.presumedConsentText')}
        value={
          facts.presumedConsentText
            ? `${facts.presumedConsentText} (${[facts.presumedConsentReviewer, date(facts.presumedConsentOn)]
                .filter(Boolean)
                .join(', ')})`
            : null
        }
      />
      <Fact
        label={t('contact.field.robinsonCheckedOn')}
        value={
          facts.robinsonCheckedOn
            ? `${date(facts.robinsonCheckedOn)}${facts.robinsonListed ? ` · ${t('contact.field.robinsonListed')}` : ''}`
            : null
        }
      />
    </SimpleGrid>
  )
}

/** Per channel: may this customer be contacted today, why not, and what would allow it; and the records behind it. */
export function ContactCard({ customerId, role }: { customerId: number; role: Role }) {
  const { t, locale } = useI18n()
  const query = useContactQuery(customerId)
  const withdraw = useWithdrawConsent(customerId)
  const [open, setOpen] = useState<'consent' | 'objection' | 'facts' | null>(null)
  if (query.isPending) return <Card withBorder>{t('common.loading')}</Card>
  if (query.isError) return <ErrorAlert error={query.error} />
  const o = query.data
  const erased = o.erasedAt !== null
  return (
    <Card withBorder data-testid="contact-card">
      <Group justify="space-between" align="flex-start" mb="sm">
        <div>
          <Title order={4}>{t('contact.title')}</Title>
          <Text size="xs" c="dimmed">
            {t('contact.profile', { name: o.profileName[locale] })}
            {o.decisions[0] ? ` · ${o.decisions[0].profile.version}` : ''}
          </Text>
        </div>
        {!erased && (
          <Group gap="xs">
            <Button size="xs" variant="light" onClick={() => setOpen('consent')} data-testid="record-consent">
              {t('contact.recordConsent')}
            </Button>
            <Button
              size="xs"
              variant="light"
              color="red"
              onClick={() => setOpen('objection')}
              data-testid="record-objection"
            >
              {t('contact.recordObjection')}
            </Button>
            {role !== 'rep' && (
              <Button size="xs" variant="default" onClick={() => setOpen('facts')} data-testid="edit-facts">
                {t('contact.editFacts')}
              </Button>
            )}
          </Group>
        )}
      </Group>
      {erased && (
        <Alert color="gray" mb="sm" data-testid="erased-notice">
          {t('contact.erased', { date: formatDate(o.erasedAt!.slice(0, 10), locale) })}
        </Alert>
      )}
      <Table verticalSpacing="xs">
        <Table.Tbody>
          {o.decisions.map((d) => (
            <Table.Tr key={d.channel} data-testid={`decision-${d.channel}`} data-allowed={d.allowed}>
              <Table.Td w={90}>
                <Text fw={500}>{t(`contact.channel.${d.channel}`)}</Text>
              </Table.Td>
              <Table.Td w={150}>
                <Badge color={d.allowed ? 'teal' : 'red'} variant="light" tt="none" size="lg">
                  {d.allowed ? t('contact.allowed') : t('contact.blocked')}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Decision d={d} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      <Title order={5} mt="md" mb={4}>
        {t('contact.consents')}
      </Title>
      {o.consents.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contact.noConsents')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="consents">
          {o.consents.map((c) => (
            <Group key={c.id} justify="space-between" wrap="nowrap">
              <Text size="sm">
                <b>{t(`contact.channel.${c.channel}`)}</b> · {t(`contact.source.${c.source}`)} ·{' '}
                {c.grantedAt ? t('contact.granted', { date: formatDate(c.grantedAt, locale) }) : ''}
                {c.textVersion ? ` · ${c.textVersion}` : ''}
                {c.doiConfirmedAt ? ` · DOI ${formatDate(c.doiConfirmedAt, locale)}` : ''}
                {c.lastUsedAt
                  ? ` · ${t('contact.lastUsed', { date: formatDate(c.lastUsedAt, locale) })}`
                  : ''}
                {c.withdrawnAt
                  ? ` · ${t('contact.withdrawnOn', { date: formatDate(c.withdrawnAt, locale) })}`
                  : ''}
              </Text>
              {c.status === 'granted' && !erased && (
                <Button
                  size="compact-xs"
                  variant="subtle"
                  color="red"
                  loading={withdraw.isPending && withdraw.variables === c.id}
                  onClick={() => withdraw.mutate(c.id)}
                >
                  {t('contact.withdraw')}
                </Button>
              )}
            </Group>
          ))}
        </Stack>
      )}
      {withdraw.isError && <ErrorAlert error={withdraw.error} />}

      <Title order={5} mt="md" mb={4}>
        {t('contact.objections')}
      </Title>
      {o.objections.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('contact.noObjections')}
        </Text>
      ) : (
        <Stack gap={4} data-testid="objections">
          {o.objections.map((x) => (
            <Text size="sm" key={x.id}>
              <DateText date={x.receivedAt} /> · {t(`contact.scope.${x.scope}`)} · {t(`contact.via.${x.via}`)}
              {x.gdpr && (
                <Badge ml="xs" size="xs" color="red">
                  {t('contact.gdprBadge')}
                </Badge>
              )}
              {x.wording ? ` · „${x.wording}“` : ''}
            </Text>
          ))}
        </Stack>
      )}

      <Title order={5} mt="md" mb={4}>
        {t('contact.facts')}
      </Title>
      <Facts facts={o.facts} />

      {open === 'consent' && <ConsentModal customerId={customerId} opened onClose={() => setOpen(null)} />}
      {open === 'objection' && (
        <ObjectionModal customerId={customerId} opened onClose={() => setOpen(null)} />
      )}
      {open === 'facts' && (
        <FactsModal customerId={customerId} opened onClose={() => setOpen(null)} facts={o.facts} />
      )}
    </Card>
  )
}
