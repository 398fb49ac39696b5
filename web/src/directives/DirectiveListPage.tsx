import { AgencyLevel, DirectiveStatus } from '@giamsat/shared';
import { Anchor, Badge, Button, Group, Pagination, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconFileImport, IconPencilPlus } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useMe } from '../auth/useMe.ts';
import { formatDate } from '../ui/format.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { ListStates } from '../ui/states.tsx';
import { CreateDirectiveModal } from './CreateDirectiveModal.tsx';
import { useDirectiveList } from './useDirectives.ts';

const PAGE_SIZE = 25;

/** Every directive the user may see; filters live in the URL so a list can be shared. */
export default function DirectiveListPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const status = params.get('status');
  const level = params.get('level');
  const page = Math.max(1, Number(params.get('page')) || 1);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);
  const [creating, createModal] = useDisclosure(false);
  const update = (changes: Record<string, string | null>) =>
    setParams(
      (p) => {
        for (const [key, value] of Object.entries(changes)) {
          if (value) p.set(key, value);
          else p.delete(key);
        }
        if (!('page' in changes)) p.delete('page');
        return p;
      },
      { replace: true },
    );
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the debounced words move the URL
  useEffect(() => {
    if ((params.get('q') ?? '') !== debouncedQ) update({ q: debouncedQ || null });
  }, [debouncedQ]);

  const list = useDirectiveList({
    status,
    level,
    q: params.get('q'),
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const canImport = me.data?.role === 'office' || me.data?.role === 'admin';

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('directives.title')}</Title>
        {canImport && (
          <Group gap="xs">
            <Button variant="light" leftSection={<IconPencilPlus size={16} />} onClick={createModal.open}>
              {t('directives.create.button')}
            </Button>
            <Button component={Link} to="/imports" leftSection={<IconFileImport size={16} />}>
              {t('imports.title')}
            </Button>
          </Group>
        )}
      </Group>
      <Group align="flex-end" wrap="wrap">
        <TextInput
          label={t('directives.filters.q')}
          placeholder={t('directives.filters.qPlaceholder')}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          w={300}
        />
        <Select
          label={t('directives.filters.status')}
          data={DirectiveStatus.options.map((s) => ({ value: s, label: t(`directives.status.${s}`) }))}
          value={status}
          onChange={(v) => update({ status: v })}
          clearable
          w={180}
        />
        <Select
          label={t('directives.filters.level')}
          data={AgencyLevel.options.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
          value={level}
          onChange={(v) => update({ level: v })}
          clearable
          w={180}
        />
      </Group>
      <ListStates query={list} empty={t('directives.empty')}>
        {(directives) => (
          <>
            <RowsTable
              minWidth={760}
              striped
              highlightOnHover
              columns={[
                t('directives.fields.number'),
                t('directives.fields.title'),
                t('directives.fields.issuedOn'),
                t('directives.fields.level'),
                t('directives.list.tasks'),
                t('directives.list.status'),
              ]}
            >
              {directives.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/directives/${d.id}`} fw={600} size="sm">
                      {d.number ?? t('tasks.directiveUnnumbered')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {d.docType ? `${d.docType} — ` : ''}
                      {d.title}
                    </Text>
                  </Table.Td>
                  <Table.Td>{formatDate(d.issuedOn)}</Table.Td>
                  <Table.Td>{t(`levels.${d.level}`)}</Table.Td>
                  <Table.Td>{d.taskCount}</Table.Td>
                  <Table.Td>
                    <Badge color={d.status === 'published' ? 'green' : 'gray'} variant="light">
                      {t(`directives.status.${d.status}`)}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </RowsTable>
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {t('directives.list.total', { count: directives.total })}
              </Text>
              <Pagination
                total={Math.ceil(directives.total / PAGE_SIZE)}
                value={page}
                onChange={(p) => update({ page: String(p) })}
              />
            </Group>
          </>
        )}
      </ListStates>
      {canImport && me.data && (
        <CreateDirectiveModal
          opened={creating}
          defaultLevel={AgencyLevel.catch('central').parse(me.data.agency.level)}
          onClose={createModal.close}
        />
      )}
    </Stack>
  );
}
