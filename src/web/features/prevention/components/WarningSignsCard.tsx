import { ActionIcon, Button, Card, Group, Stack, Table, Text, TextInput, Title, Tooltip } from '@mantine/core'
import { useState } from 'react'
import type { SessionUserDto } from '../../../../shared/api/auth'
import { type WarningSignKind, warningSignKinds } from '../../../../shared/prevention'
import { useI18n } from '../../../i18n'
import { ChoiceSelect } from '../../../ui/ChoiceSelect'
import { ErrorAlert } from '../../../ui/ErrorAlert'
import { FormModal } from '../../../ui/FormModal'
import { DateText } from '../../../ui/format'
import { useDeleteWarningSign, useRecordWarningSign, useWarningSignsQuery } from '../hooks/usePrevention'

function RecordSignModal({ customerId, onClose }: { customerId: number; onClose: () => void }) {
  const { t } = useI18n()
  const record = useRecordWarningSign(customerId)
  const [kind, setKind] = useState<WarningSignKind>('complaint')
  const [notedOn, setNotedOn] = useState('')
  const [note, setNote] = useState('')
  return (
    <FormModal
      title={t('prevention.record')}
      onClose={onClose}
      pending={record.isPending}
      error={record.error}
      canSubmit
      submitTestId="warning-sign-save"
      onSubmit={() =>
        record.mutate(
          { kind, notedOn: notedOn.trim() || undefined, note: note.trim() || undefined },
          { onSuccess: onClose },
        )
      }
    >
      <ChoiceSelect
        label={t('prevention.kind')}
        choices={warningSignKinds}
        labelOf={(k) => t(`prevention.sign.${k}`)}
        value={kind}
        onChange={setKind}
      />
      <TextInput
        label={t('prevention.notedOn')}
        description={t('prevention.notedOnHint')}
        value={notedOn}
        onChange={(e) => setNotedOn(e.currentTarget.value)}
        placeholder="TT.MM.JJJJ"
      />
      <TextInput
        label={t('prevention.note')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={1000}
      />
    </FormModal>
  )
}

/** Warning signs people noticed (a complaint, a cancelled visit): they put the customer on the early warning. */
export function WarningSignsCard({ customerId, user }: { customerId: number; user: SessionUserDto }) {
  const { t } = useI18n()
  const query = useWarningSignsQuery(customerId)
  const remove = useDeleteWarningSign()
  const [open, setOpen] = useState(false)
  const signs = query.data?.signs ?? []
  return (
    <Card withBorder data-testid="warning-signs">
      <Group justify="space-between" mb="xs">
        <Stack gap={0}>
          <Title order={4}>{t('prevention.signsTitle')}</Title>
          <Text size="sm" c="dimmed">
            {t('prevention.signsHint')}
          </Text>
        </Stack>
        <Button variant="light" onClick={() => setOpen(true)} data-testid="warning-sign-add">
          {t('prevention.record')}
        </Button>
      </Group>
      {query.isError && <ErrorAlert error={query.error} />}
      {remove.isError && <ErrorAlert error={remove.error} />}
      {signs.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('prevention.noSigns')}
        </Text>
      ) : (
        <Table fz="sm">
          <Table.Tbody>
            {signs.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <DateText date={s.notedOn} />
                </Table.Td>
                <Table.Td>{t(`prevention.sign.${s.kind}`)}</Table.Td>
                <Table.Td>{s.note}</Table.Td>
                <Table.Td c="dimmed">{s.by}</Table.Td>
                <Table.Td ta="right">
                  {(user.role !== 'rep' || s.createdBy === user.id) && (
                    <Tooltip label={t('prevention.takeBack')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        aria-label={t('prevention.takeBack')}
                        onClick={() => remove.mutate(s.id)}
                      >
                        ×
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {open && <RecordSignModal customerId={customerId} onClose={() => setOpen(false)} />}
    </Card>
  )
}
