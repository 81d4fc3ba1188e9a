import { List, Stack, Text } from '@mantine/core'
import type { ContactDecisionDto } from '../../../../shared/api/contact'
import { useI18n } from '../../../i18n'

const finalBlockers = new Set(['erased', 'suppressed', 'gdpr_objection', 'objected', 'robinson_listed'])

/**
 * One answer of the contact law in words: the basis that allows it with its norm and what to keep as
 * evidence, or every blocker with its norm and what would make it lawful.
 */
export function ContactDecisionText({ d }: { d: ContactDecisionDto }) {
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
