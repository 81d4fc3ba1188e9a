import { Alert, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core'
import { useState } from 'react'
import type { ContactOverview } from '../../../../shared/api/contact'
import { formatDate } from '../../../../shared/i18n/format'
import type { Role } from '../../../../shared/roles'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { DateText } from '../../../ui/format'
import { useContactQuery, useWithdrawConsent } from '../hooks/useContact'
import { ContactDecisionText } from './ContactDecisionText'
import { ConsentModal, FactsModal, ObjectionModal } from './ContactForms'

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
  // a version named by its date reads as a date in the reader's language
  const profileVersion = (version: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(version)
      ? t('contact.profileAsOf', { date: formatDate(version, locale) })
      : version
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
            {o.decisions[0] ? ` · ${profileVersion(o.decisions[0].profile.version)}` : ''}
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
                <ContactDecisionText d={d} />
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
