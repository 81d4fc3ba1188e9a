import {
  Badge,
  Button,
  Card,
  Group,
  PasswordInput,
  Select,
  Stack,
  Table,
  TextInput,
  Title,
} from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { useState } from 'react'
import type { SessionUserDto } from '../../shared/api/auth'
import { roles } from '../../shared/roles'
import {
  useCreateUserMutation,
  useUpdateUserMutation,
  useUsersQuery,
} from '../features/users/hooks/useUsersQuery'
import { useI18n } from '../i18n'
import { ErrorAlert } from '../ui/ErrorAlert'

export function UsersPage({ me }: { me: SessionUserDto }) {
  const { t } = useI18n()
  const users = useUsersQuery()
  const create = useCreateUserMutation()
  const update = useUpdateUserMutation()
  const [form, setForm] = useState({ email: '', name: '', role: 'rep', password: '' })
  return (
    <Stack>
      <Title order={2}>{t('users.title')}</Title>
      <ErrorAlert error={users.error ?? update.error} />
      <Card withBorder p={0}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.name')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th>{t('users.role')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users.data?.users ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>
                  {u.name} {u.disabled && <Badge color="gray">{t('users.disabled')}</Badge>}
                </Table.Td>
                <Table.Td>{u.email}</Table.Td>
                <Table.Td>{t(`role.${u.role}`)}</Table.Td>
                <Table.Td ta="right">
                  {u.id !== me.id && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => update.mutate({ id: u.id, disabled: !u.disabled })}
                    >
                      {u.disabled ? t('users.enable') : t('users.disable')}
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Card>
      <Card withBorder maw={640}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            create.mutate(
              { ...form, locale: 'de' },
              {
                onSuccess: () => {
                  setForm({ email: '', name: '', role: 'rep', password: '' })
                  notifications.show({ color: 'teal', message: t('users.created') })
                },
              },
            )
          }}
        >
          <Stack>
            <Title order={4}>{t('users.create')}</Title>
            <Group grow>
              <TextInput
                label={t('users.name')}
                required
                value={form.name}
                onChange={(e) => setForm({ ...form, name: e.currentTarget.value })}
              />
              <TextInput
                label={t('users.email')}
                type="email"
                required
                value={form.email}
                onChange={(e) => setForm({ ...form, email: e.currentTarget.value })}
              />
            </Group>
            <Group grow>
              <Select
                label={t('users.role')}
                value={form.role}
                data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                onChange={(v) => setForm({ ...form, role: v ?? 'rep' })}
              />
              <PasswordInput
                label={t('users.password')}
                required
                minLength={10}
                value={form.password}
                onChange={(e) => setForm({ ...form, password: e.currentTarget.value })}
              />
            </Group>
            <ErrorAlert error={create.error} />
            <Button type="submit" loading={create.isPending}>
              {t('users.create')}
            </Button>
          </Stack>
        </form>
      </Card>
    </Stack>
  )
}
