import { AUDIT_EXPORT_MAX_ROWS } from '@giamsat/server/audit/audit.schemas.ts';
import { HISTORY_ACTIONS, type HistoryEntity } from '@giamsat/shared';
import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Pagination,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconDownload, IconShieldCheck } from '@tabler/icons-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { useMe } from '../auth/useMe.ts';
import { DayInput } from '../ui/DayInput.tsx';
import { FilterPanel } from '../ui/FilterPanel.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { SearchField, useSearchText } from '../ui/SearchField.tsx';
import { ActionError, ListStates } from '../ui/states.tsx';
import {
  AUDIT_PAGE_SIZE,
  type AuditEvent,
  type AuditFilters,
  auditExportPath,
  type ChainVerification,
  useAuditTrail,
  useVerifyChain,
} from './useAuditTrail.ts';

const ENTITY_TYPES = Object.keys(HISTORY_ACTIONS) as HistoryEntity[];

/** A value of a history payload as a person reads it: days dd/mm/yyyy, lists and objects as JSON. */
function showValue(value: unknown): string {
  if (value === undefined) return '';
  if (value === null) return '—';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatDate(value) : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

const asFields = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : value === null || value === undefined
      ? {}
      : { '': value };

/** Before and after side by side, a line per field; the fields that changed stand out. */
function BeforeAfter({ event }: { event: AuditEvent }) {
  const { t } = useTranslation();
  const before = asFields(event.before);
  const after = asFields(event.after);
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fields.length === 0) return <Text size="sm">{t('audit.noDetail')}</Text>;
  return (
    <Table withTableBorder withColumnBorders fz="sm" data-testid={`audit-diff-${event.id}`}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('audit.field')}</Table.Th>
          <Table.Th>{t('audit.before')}</Table.Th>
          <Table.Th>{t('audit.after')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {fields.map((field) => {
          const changed = JSON.stringify(before[field]) !== JSON.stringify(after[field]);
          return (
            <Table.Tr key={field} data-changed={changed || undefined}>
              <Table.Td fw={changed ? 700 : undefined}>{field}</Table.Td>
              <Table.Td bg={changed ? 'red.0' : undefined} style={{ wordBreak: 'break-word' }}>
                {showValue(before[field])}
              </Table.Td>
              <Table.Td bg={changed ? 'green.0' : undefined} style={{ wordBreak: 'break-word' }}>
                {showValue(after[field])}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tbody>
    </Table>
  );
}

function ChainResult({ result }: { result: ChainVerification }) {
  const { t } = useTranslation();
  if (result.intact) {
    return (
      <Alert color="green" title={t('audit.chain.intact')} data-testid="audit-chain-result">
        <Text size="sm">{t('audit.chain.checked', { count: result.checked })}</Text>
        {result.head.hash && (
          <Text size="xs">
            {t('audit.chain.head')} <Code>{result.head.hash}</Code>
          </Text>
        )}
      </Alert>
    );
  }
  const broken = result.firstBreak!;
  return (
    <Alert color="red" title={t('audit.chain.broken')} data-testid="audit-chain-result">
      <Text size="sm">
        {t(`audit.chain.${broken.problem}`, {
          id: broken.eventId,
          at: broken.at ? formatDateTime(broken.at) : '—',
        })}
      </Text>
      <Text size="sm">{t('audit.chain.checked', { count: result.checked })}</Text>
    </Alert>
  );
}

/** The audit trail for inspectors and administrators: search, before and after, export, and the chain's check. */
export default function AuditTrailPage() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(0);
  const [open, setOpen] = useState<number | null>(null);
  const events = useAuditTrail(filters, page);
  const verify = useVerifyChain();
  const set = (change: AuditFilters) => {
    setFilters((current) => ({ ...current, ...change }));
    setPage(0);
  };
  const actorText = useSearchText(filters.actor, (actor) => set({ actor: actor ?? undefined }));
  const entityLabel = (entity: string) => t(`audit.entities.${entity}`, { defaultValue: entity });
  const actionLabel = (entity: string, action: string) =>
    t(`timeline.${entity}.${action}`, { defaultValue: action, percent: '', filename: '' });
  const tooMany = (events.data?.total ?? 0) > AUDIT_EXPORT_MAX_ROWS;
  const actions = filters.entityType
    ? HISTORY_ACTIONS[filters.entityType]
    : [...new Set(Object.values(HISTORY_ACTIONS).flat())];

  return (
    <Stack>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{t('audit.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('audit.intro')}
          </Text>
        </div>
        {me.data?.role === 'admin' && (
          <Button
            variant="light"
            leftSection={<IconShieldCheck size={16} />}
            loading={verify.isPending}
            onClick={() => verify.mutate()}
          >
            {t('audit.chain.verify')}
          </Button>
        )}
      </Group>
      <ActionError error={verify.error} />
      {verify.data && <ChainResult result={verify.data} />}
      <FilterPanel
        below={
          <Group gap="xs">
            {tooMany ? (
              <Text size="xs" c="dimmed">
                {t('audit.tooManyToExport', { max: AUDIT_EXPORT_MAX_ROWS })}
              </Text>
            ) : (
              <Button
                component="a"
                variant="default"
                size="xs"
                leftSection={<IconDownload size={14} />}
                href={auditExportPath(filters, i18n.language)}
                download
              >
                {t('audit.export')}
              </Button>
            )}
            <Button
              variant="subtle"
              size="xs"
              onClick={() => {
                actorText.clear();
                setFilters({});
                setPage(0);
              }}
            >
              {t('audit.clear')}
            </Button>
          </Group>
        }
      >
        <SearchField
          label={t('audit.actor')}
          placeholder={t('audit.actorPlaceholder')}
          value={actorText.text}
          onChange={actorText.change}
        />
        <AgencyPicker
          label={t('audit.body')}
          value={filters.agencyId ?? null}
          onChange={(agencyId) => set({ agencyId: agencyId ?? undefined })}
        />
        <Select
          label={t('audit.object')}
          clearable
          searchable
          data={ENTITY_TYPES.map((entity) => ({ value: entity, label: entityLabel(entity) }))}
          value={filters.entityType ?? null}
          onChange={(value) => set({ entityType: (value as HistoryEntity | null) ?? undefined, action: undefined })}
        />
        <Select
          label={t('audit.change')}
          clearable
          searchable
          data={actions.map((action) => ({
            value: action,
            label: filters.entityType ? actionLabel(filters.entityType, action) : action,
          }))}
          value={filters.action ?? null}
          onChange={(value) => set({ action: value ?? undefined })}
        />
        <DayInput
          label={t('audit.from')}
          value={filters.from ?? null}
          onChange={(from) => set({ from: from ?? undefined })}
        />
        <DayInput label={t('audit.to')} value={filters.to ?? null} onChange={(to) => set({ to: to ?? undefined })} />
      </FilterPanel>
      <ListStates query={events} empty={t('audit.none')}>
        {(result) => (
          <Stack>
            <Text size="sm" c="dimmed">
              {t('audit.total', { count: result.total })}
            </Text>
            <RowsTable
              minWidth={760}
              data-testid="audit-events"
              columns={[t('audit.at'), t('audit.actor'), t('audit.object'), t('audit.change'), t('audit.reason'), null]}
            >
              {result.items.map((event) => (
                <Fragment key={event.id}>
                  <Table.Tr data-testid={`audit-event-${event.id}`}>
                    <Table.Td>{formatDateTime(event.at)}</Table.Td>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {event.actor?.fullName ?? t('audit.system')}
                      </Text>
                      {event.actor?.agency && (
                        <Text size="xs" c="dimmed">
                          {event.actor.agency.name}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {event.entityType === 'task' ? (
                        <Anchor component={Link} to={`/tasks/${event.entityId}`} size="sm">
                          {entityLabel(event.entityType)} #{event.entityId}
                        </Anchor>
                      ) : (
                        `${entityLabel(event.entityType)} #${event.entityId}`
                      )}
                    </Table.Td>
                    <Table.Td>{actionLabel(event.entityType, event.action)}</Table.Td>
                    <Table.Td>{event.reason}</Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        aria-expanded={open === event.id}
                        onClick={() => setOpen(open === event.id ? null : event.id)}
                      >
                        {open === event.id ? t('audit.hide') : t('audit.show')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                  {open === event.id && (
                    <Table.Tr>
                      <Table.Td colSpan={6}>
                        <SimpleGrid cols={1}>
                          <BeforeAfter event={event} />
                        </SimpleGrid>
                      </Table.Td>
                    </Table.Tr>
                  )}
                </Fragment>
              ))}
            </RowsTable>
            {result.total > AUDIT_PAGE_SIZE && (
              <Pagination
                total={Math.ceil(result.total / AUDIT_PAGE_SIZE)}
                value={page + 1}
                onChange={(value) => setPage(value - 1)}
              />
            )}
          </Stack>
        )}
      </ListStates>
    </Stack>
  );
}
