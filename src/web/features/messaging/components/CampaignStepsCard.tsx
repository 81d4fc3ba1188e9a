import { Badge, Button, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core'
import type { CampaignDto } from '../../../../shared/api/campaigns'
import { formatNumber } from '../../../../shared/i18n/format'
import { toQuery } from '../../../api/client'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useSendStep, useStepSendingQuery } from '../hooks/useMessaging'

const stateColor: Record<string, string> = {
  sent: 'teal',
  queued: 'gray',
  sending: 'blue',
  blocked: 'orange',
  bounced: 'red',
  failed: 'red',
}

function EmailStep({ campaign, step }: { campaign: CampaignDto; step: number }) {
  const { t, locale } = useI18n()
  const sending = useStepSendingQuery(campaign.id, step, true)
  const send = useSendStep(campaign.id, step)
  const counts = sending.data?.counts ?? {}
  const written = Object.values(counts).reduce((s, n) => s + n, 0)
  const pending = sending.data?.pending ?? 0
  const started = written > 0 || pending > 0
  return (
    <Stack gap={4}>
      <Group>
        {!started && campaign.state === 'running' && (
          <Button
            size="xs"
            loading={send.isPending}
            onClick={() => send.mutate()}
            data-testid={`send-step-${step + 1}`}
          >
            {t('mail.sendStep', { n: formatNumber(campaign.treated, locale) })}
          </Button>
        )}
        {Object.entries(counts).map(([state, n]) => (
          <Badge
            key={state}
            color={stateColor[state] ?? 'gray'}
            variant="light"
            data-testid={`step-${step + 1}-${state}`}
          >
            {t(`mail.state.${state}`)}: {formatNumber(n, locale)}
          </Badge>
        ))}
      </Group>
      {pending > 0 && (
        <Progress
          value={written > 0 ? (100 * (written - (counts.queued ?? 0) - (counts.sending ?? 0))) / written : 5}
          animated
          aria-label={t('mail.sending')}
        />
      )}
      <ErrorAlert error={send.error ?? sending.error} />
    </Stack>
  )
}

/** The campaign's steps; an e-mail step is sent from here, once, with its progress and outcome. */
export function CampaignStepsCard({ campaign, canSend }: { campaign: CampaignDto; canSend: boolean }) {
  const { t, locale } = useI18n()
  return (
    <Card withBorder data-testid="campaign-steps">
      <Title order={4}>{t('mail.steps')}</Title>
      <Text size="sm" c="dimmed">
        {t('mail.stepsIntro')}
      </Text>
      <Table mt="xs">
        <Table.Tbody>
          {campaign.steps.map((s, i) => (
            <Table.Tr key={`${s.offsetDays}-${s.channel}`}>
              <Table.Td w={60}>{i + 1}.</Table.Td>
              <Table.Td w={200}>
                {t(`worklist.channel.${s.channel}`)} · {t('mail.day', { n: s.offsetDays })}
              </Table.Td>
              <Table.Td>
                {s.channel === 'email' && canSend && campaign.state !== 'draft' ? (
                  <EmailStep campaign={campaign} step={i} />
                ) : s.channel === 'letter' && canSend && campaign.state !== 'draft' ? (
                  <Group gap="xs">
                    {(['pdf', 'csv'] as const).map((format) => (
                      <Button
                        key={format}
                        size="xs"
                        variant="default"
                        component="a"
                        href={`/api/campaigns/${campaign.id}/steps/${i}/letters${toQuery({ format, lang: locale })}`}
                        download
                        data-testid={`letters-${i + 1}-${format}`}
                      >
                        {t(`mail.letters.${format}`)}
                      </Button>
                    ))}
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    {s.channel === 'email' ? t('mail.afterLaunch') : t('mail.byTheTeam')}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  )
}
