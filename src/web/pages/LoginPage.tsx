import { Button, Center, Group, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState } from 'react'
import { useLocation, useNavigate } from 'react-router'
import { ApiError } from '../api/client'
import { useLoginMutation } from '../features/auth/hooks/useAuthMutations'
import { useI18n } from '../i18n'
import { LanguageSwitch } from '../layout/LanguageSwitch'

export function LoginPage() {
  const { t } = useI18n()
  const login = useLoginMutation()
  const navigate = useNavigate()
  const location = useLocation()
  const [email, setEmail] = useState('')
  const [password, setPassword] = useState('')
  const from = (location.state as { from?: string } | null)?.from ?? '/'
  const error = login.error instanceof ApiError ? login.error : null
  return (
    <Center mih="100vh" bg="gray.0">
      <Paper withBorder shadow="sm" p="xl" w={380}>
        <form
          onSubmit={(e) => {
            e.preventDefault()
            login.mutate({ email, password }, { onSuccess: () => navigate(from, { replace: true }) })
          }}
        >
          <Stack>
            <Group justify="space-between">
              <Title order={2} c="teal.7">
                winback
              </Title>
              <LanguageSwitch />
            </Group>
            <Title order={4}>{t('login.title')}</Title>
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              visibilityToggleButtonProps={{ 'aria-label': t('login.showPassword') }}
              label={t('login.password')}
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            {error && (
              <Text c="red" size="sm" role="alert">
                {error.code === 'rate_limited'
                  ? t('login.throttled')
                  : error.code === 'invalid_credentials'
                    ? t('login.failed')
                    : t(`errors.${error.code}`)}
              </Text>
            )}
            <Button type="submit" loading={login.isPending}>
              {t('login.submit')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  )
}
