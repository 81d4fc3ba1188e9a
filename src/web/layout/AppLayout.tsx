import { AppShell, Burger, Button, Center, Group, Loader, NavLink, Stack, Text, Title } from '@mantine/core'
import { useDisclosure } from '@mantine/hooks'
import { Suspense } from 'react'
import { Outlet, NavLink as RouterLink, useLocation, useNavigate } from 'react-router'
import type { SessionUserDto } from '../../shared/api/auth'
import { useLogoutMutation } from '../features/auth/hooks/useAuthMutations'
import { useI18n } from '../i18n'
import { ScrollMemory } from '../ui/ScrollMemory'
import { LanguageSwitch } from './LanguageSwitch'

const links = [
  { to: '/', key: 'nav.dashboard', roles: ['admin', 'manager'] },
  { to: '/worklist', key: 'nav.worklist', roles: ['admin', 'manager', 'rep'] },
  { to: '/followups', key: 'nav.followups', roles: ['admin', 'manager', 'rep'] },
  { to: '/early-warning', key: 'nav.earlyWarning', roles: ['admin', 'manager', 'rep'] },
  { to: '/customers', key: 'nav.customers', roles: ['admin', 'manager', 'rep'] },
  { to: '/model', key: 'nav.model', roles: ['admin', 'manager'] },
  { to: '/causes', key: 'nav.churn', roles: ['admin', 'manager', 'rep'] },
  { to: '/winback', key: 'nav.winback', roles: ['admin', 'manager', 'rep'] },
  { to: '/campaigns', key: 'nav.campaigns', roles: ['admin', 'manager', 'rep'] },
  { to: '/playbook', key: 'nav.playbook', roles: ['admin', 'manager', 'rep'] },
  { to: '/reports', key: 'nav.reports', roles: ['admin', 'manager'] },
  { to: '/dashboard', key: 'nav.dashboard', roles: ['rep'] },
  { to: '/import', key: 'nav.imports', roles: ['admin', 'manager'] },
  { to: '/settings', key: 'nav.settings', roles: ['admin', 'manager'] },
  { to: '/users', key: 'nav.users', roles: ['admin'] },
  { to: '/audit', key: 'nav.audit', roles: ['admin'] },
] as const

export function AppLayout({ user }: { user: SessionUserDto }) {
  const { t } = useI18n()
  const [opened, { toggle, close }] = useDisclosure()
  const location = useLocation()
  const navigate = useNavigate()
  const logout = useLogoutMutation()
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="xs">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Title order={3} c="teal.7">
              winback
            </Title>
            <Text size="sm" c="dimmed" visibleFrom="sm">
              {t('app.tagline')}
            </Text>
          </Group>
          <Group gap="sm">
            <LanguageSwitch />
            <Text size="sm" visibleFrom="sm" data-testid="current-user">
              {user.name} · {t(`role.${user.role}`)}
            </Text>
            <Button
              size="xs"
              variant="subtle"
              onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
            >
              {t('nav.logout')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <Stack gap={2}>
          {links
            .filter((l) => (l.roles as readonly string[]).includes(user.role))
            .map((l) => (
              <NavLink
                key={l.to}
                component={RouterLink}
                to={l.to}
                label={t(l.key)}
                onClick={close}
                active={l.to === '/' ? location.pathname === '/' : location.pathname.startsWith(l.to)}
              />
            ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <ScrollMemory />
        {/* the page's code may still be loading: the navigation stays */}
        <Suspense
          fallback={
            <Center h={200}>
              <Loader />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  )
}
