import { Role } from '@giamsat/shared';
import { Badge, Button, Group, Pagination, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconFileSpreadsheet, IconUserPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { useMe } from '../auth/useMe.ts';
import { FilterPanel } from '../ui/FilterPanel.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { SearchField, useSearchText } from '../ui/SearchField.tsx';
import { ActionError, ListStates } from '../ui/states.tsx';
import { AccountForm } from './AccountForm.tsx';
import {
  ACCOUNTS_PAGE,
  type Account,
  type AccountFilter,
  type AccountStatus,
  useAccounts,
  useSendPasswordLink,
  useSignOutEverywhere,
  useUpdateAccount,
} from './useAccounts.ts';

function StatusBadge({ account }: { account: Account }) {
  const { t } = useTranslation();
  if (!account.isActive) return <Badge color="gray">{t('accounts.status.inactive')}</Badge>;
  if (account.invitationPending) return <Badge color="yellow">{t('accounts.status.invited')}</Badge>;
  return <Badge color="green">{t('accounts.status.active')}</Badge>;
}

/** Administrators' accounts screen: find accounts by words, body, role and status; create, change, reset, (de)activate. */
export default function AccountsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [filter, setFilter] = useState<AccountFilter>({ q: null, agencyId: null, role: null, status: null, offset: 0 });
  const search = useSearchText(filter.q, (q) => setFilter((f) => ({ ...f, q, offset: 0 })));
  const accounts = useAccounts(filter);
  const update = useUpdateAccount();
  const sendLink = useSendPasswordLink();
  const signOut = useSignOutEverywhere();
  const [signedOut, setSignedOut] = useState<number | null>(null);
  const [editing, setEditing] = useState<Account | 'new' | null>(null);
  const [sent, setSent] = useState<{ id: number; expiresAt: string } | null>(null);

  if (me.data && me.data.role !== 'admin') return <Text>{t('errors.FORBIDDEN')}</Text>;
  const total = accounts.data?.total ?? 0;
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('accounts.title')}</Title>
        <Group>
          <Button
            component={Link}
            to="/admin/accounts/import"
            variant="light"
            leftSection={<IconFileSpreadsheet size={16} />}
          >
            {t('accounts.bulk')}
          </Button>
          <Button leftSection={<IconUserPlus size={16} />} onClick={() => setEditing('new')}>
            {t('accounts.create')}
          </Button>
        </Group>
      </Group>
      <FilterPanel>
        <SearchField
          label={t('accounts.filter.words')}
          placeholder={t('accounts.filter.wordsPlaceholder')}
          value={search.text}
          onChange={search.change}
        />
        <AgencyPicker
          label={t('accounts.agency')}
          value={filter.agencyId}
          onChange={(agencyId) => setFilter((f) => ({ ...f, agencyId, offset: 0 }))}
        />
        <Select
          label={t('accounts.role')}
          clearable
          placeholder={t('accounts.filter.any')}
          data={Role.options.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          value={filter.role}
          onChange={(role) => setFilter((f) => ({ ...f, role: (role as Role | null) ?? null, offset: 0 }))}
        />
        <Select
          label={t('accounts.statusLabel')}
          clearable
          placeholder={t('accounts.filter.any')}
          data={(['active', 'invited', 'inactive'] as const).map((s) => ({
            value: s,
            label: t(`accounts.status.${s}`),
          }))}
          value={filter.status}
          onChange={(status) =>
            setFilter((f) => ({ ...f, status: (status as AccountStatus | null) ?? null, offset: 0 }))
          }
        />
      </FilterPanel>
      <ActionError error={update.error ?? sendLink.error ?? signOut.error} />
      {signedOut !== null && (
        <Text size="sm" c="teal" role="status">
          {t('accounts.signedOut', { count: signedOut })}
        </Text>
      )}
      {sent && (
        <Text size="sm" c="teal" role="status">
          {t('accounts.linkSent', { until: formatDateTime(sent.expiresAt) })}
        </Text>
      )}
      <ListStates query={accounts} empty={t('accounts.none')}>
        {(page) => (
          <RowsTable
            minWidth={900}
            data-testid="accounts"
            columns={[
              t('accounts.fullName'),
              t('accounts.email'),
              t('accounts.agency'),
              t('accounts.role'),
              t('accounts.statusLabel'),
              t('accounts.created'),
              null,
            ]}
          >
            {page.items.map((account) => (
              <Table.Tr key={account.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {account.fullName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {account.username}
                  </Text>
                </Table.Td>
                <Table.Td>{account.email}</Table.Td>
                <Table.Td>
                  {account.agency.name}
                  {account.scopeAgency && (
                    <Text size="xs" c="dimmed">
                      {t('accounts.scopeOf', { name: account.scopeAgency.name })}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>{t(`roles.${account.role}`)}</Table.Td>
                <Table.Td>
                  <StatusBadge account={account} />
                </Table.Td>
                <Table.Td>{formatDate(account.createdAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" variant="light" onClick={() => setEditing(account)}>
                      {t('accounts.edit')}
                    </Button>
                    {account.isActive && account.email && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={sendLink.isPending && sendLink.variables === account.id}
                        onClick={() =>
                          sendLink.mutate(account.id, {
                            onSuccess: (res) => setSent({ id: account.id, expiresAt: res.expiresAt }),
                          })
                        }
                      >
                        {account.invitationPending ? t('accounts.reinvite') : t('accounts.reset')}
                      </Button>
                    )}
                    {account.id !== me.data?.id && !account.invitationPending && (
                      <Button
                        size="xs"
                        variant="light"
                        loading={signOut.isPending && signOut.variables === account.id}
                        onClick={() => signOut.mutate(account.id, { onSuccess: (res) => setSignedOut(res.signedOut) })}
                      >
                        {t('accounts.signOutEverywhere')}
                      </Button>
                    )}
                    {account.id !== me.data?.id && (
                      <Button
                        size="xs"
                        variant="light"
                        color={account.isActive ? 'red' : 'green'}
                        loading={update.isPending && update.variables?.id === account.id}
                        onClick={() =>
                          update.mutate({ id: account.id, version: account.version, isActive: !account.isActive })
                        }
                      >
                        {account.isActive ? t('accounts.deactivate') : t('accounts.reactivate')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </RowsTable>
        )}
      </ListStates>
      {total > ACCOUNTS_PAGE && (
        <Pagination
          total={Math.ceil(total / ACCOUNTS_PAGE)}
          value={Math.floor(filter.offset / ACCOUNTS_PAGE) + 1}
          onChange={(p) => setFilter((f) => ({ ...f, offset: (p - 1) * ACCOUNTS_PAGE }))}
        />
      )}
      {editing && <AccountForm account={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
