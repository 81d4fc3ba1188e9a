import { Button, Card, SimpleGrid, Text, TextInput, Title } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useEffect, useState } from 'react'
import type { CompanyProfile } from '../../../../shared/api/messaging'
import type { Role } from '../../../../shared/roles'
import { useI18n } from '../../../i18n'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { useCompanyProfileQuery, useSaveCompanyProfile } from '../hooks/useMessaging'

const fields = [
  'name',
  'street',
  'postalCode',
  'city',
  'country',
  'phone',
  'email',
  'website',
  'managingDirectors',
  'register',
  'vatId',
  'bankName',
  'iban',
  'bic',
] as const

/** Letterhead and imprint: under every e-mail and on every letter. */
export function CompanyProfileCard({ role }: { role: Role }) {
  const { t } = useI18n()
  const query = useCompanyProfileQuery()
  const save = useSaveCompanyProfile()
  const [draft, setDraft] = useState<CompanyProfile | null>(null)
  useEffect(() => {
    if (query.data && !draft) setDraft(query.data)
  }, [query.data, draft])
  if (query.isError) return <ErrorAlert error={query.error} />
  if (!draft) return null
  const admin = role === 'admin'
  return (
    <Card withBorder data-testid="company-profile">
      <Title order={4}>{t('company.title')}</Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('company.intro')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
        {fields.map((f) => (
          <TextInput
            key={f}
            label={t(`company.${f}`)}
            value={draft[f]}
            onChange={(e) => setDraft({ ...draft, [f]: e.currentTarget.value })}
            disabled={!admin}
          />
        ))}
      </SimpleGrid>
      {admin && (
        <Button
          mt="md"
          loading={save.isPending}
          onClick={() =>
            save.mutate(draft, {
              onSuccess: () => notifications.show({ color: 'teal', message: t('company.saved') }),
            })
          }
        >
          {t('common.save')}
        </Button>
      )}
      <ErrorAlert error={save.error} />
    </Card>
  )
}
