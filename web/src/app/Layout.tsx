import { AppShell, Burger, Group, Menu, NavLink, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconChartBar,
  IconChecklist,
  IconChevronDown,
  IconClipboardCheck,
  IconFileImport,
  IconFileText,
  IconHistory,
  IconListDetails,
  IconLock,
  IconLogout,
  IconMessage2,
  IconSitemap,
  IconUserCircle,
  IconUsers,
  IconWorld,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { type Me, useLogout } from '../auth/useMe.ts';
import { NotificationBell } from '../notifications/NotificationBell.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

interface NavItem {
  to: string;
  label: string;
  icon: ReactNode;
}

function navItems(me: Me, t: (key: string) => string): NavItem[] {
  const items: NavItem[] = [];
  if (me.role === 'focal' || me.role === 'head') {
    items.push({ to: '/my-tasks', label: t('nav.myTasks'), icon: <IconChecklist size={18} /> });
  }
  items.push({ to: '/dashboard', label: t('nav.dashboard'), icon: <IconChartBar size={18} /> });
  items.push({ to: '/tasks', label: t('nav.tasks'), icon: <IconListDetails size={18} /> });
  items.push({ to: '/directives', label: t('directives.title'), icon: <IconFileText size={18} /> });
  items.push({ to: '/feedback', label: t('nav.feedback'), icon: <IconMessage2 size={18} /> });
  if (me.role === 'office' || me.role === 'admin') {
    items.push({ to: '/reviews', label: t('nav.reviews'), icon: <IconClipboardCheck size={18} /> });
    items.push({ to: '/imports', label: t('imports.title'), icon: <IconFileImport size={18} /> });
    items.push({ to: '/plans/new', label: t('plans.title'), icon: <IconSitemap size={18} /> });
  }
  if (me.role === 'admin' || me.role === 'inspector') {
    items.push({ to: '/audit', label: t('nav.audit'), icon: <IconHistory size={18} /> });
  }
  if (me.role === 'admin') {
    items.push({ to: '/admin/accounts', label: t('nav.accounts'), icon: <IconUsers size={18} /> });
    items.push({ to: '/admin/login-blocks', label: t('nav.loginBlocks'), icon: <IconLock size={18} /> });
  }
  return items;
}

export function Layout({ me, children }: { me: Me; children: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 220, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('nav.menu')} />
            <Text component={Link} to="/" fw={700} size="lg" c="red.8">
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <Group visibleFrom="xs">
              <LanguageSwitch />
            </Group>
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <UnstyledButton aria-label={t('nav.account')} data-testid="user-menu">
                  <Group gap={4} wrap="nowrap">
                    <Stack gap={0} align="flex-end">
                      <Text size="sm" fw={600} lineClamp={1}>
                        {me.fullName}
                      </Text>
                      <Text size="xs" c="dimmed" lineClamp={1} visibleFrom="sm">
                        {t(`roles.${me.role}`)} · {me.agency.name}
                      </Text>
                    </Stack>
                    <IconChevronDown size={14} />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.agency.name}</Menu.Label>
                <Menu.Item hiddenFrom="xs" closeMenuOnClick={false}>
                  <LanguageSwitch />
                </Menu.Item>
                <Menu.Item component={Link} to="/account" leftSection={<IconUserCircle size={16} />}>
                  {t('nav.myAccount')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} />}
                  onClick={() => logout.mutate(undefined, { onSettled: () => navigate('/login') })}
                >
                  {t('auth.signOut')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('nav.main')}>
        {navItems(me, t).map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            leftSection={item.icon}
            active={location.pathname === item.to || location.pathname.startsWith(`${item.to}/`)}
            onClick={close}
          />
        ))}
        {/* The public site is server-rendered pages, not one of the app's screens: a plain link. */}
        <NavLink
          component="a"
          href="/cong-khai"
          label={t('nav.publicSite')}
          leftSection={<IconWorld size={18} />}
          mt="md"
        />
      </AppShell.Navbar>
      <AppShell.Main>{children}</AppShell.Main>
    </AppShell>
  );
}
