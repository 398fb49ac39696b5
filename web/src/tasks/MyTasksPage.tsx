import { Badge, Card, Group, Pagination, Stack, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useMe.ts';
import { EmptyState, ErrorState, LoadingState } from '../ui/states.tsx';
import { TaskTable } from './TaskTable.tsx';
import { type TaskListParams, useTaskList } from './useTasks.ts';

const PAGE_SIZE = 20;

function TaskSection({ params, emptyText }: { params: TaskListParams; emptyText: string }) {
  const [page, setPage] = useState(1);
  const tasks = useTaskList({ ...params, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE });
  if (tasks.isPending) return <LoadingState />;
  if (tasks.error) return <ErrorState error={tasks.error} onRetry={() => void tasks.refetch()} />;
  if (tasks.data.total === 0) return <EmptyState>{emptyText}</EmptyState>;
  const pages = Math.ceil(tasks.data.total / PAGE_SIZE);
  return (
    <Stack>
      <TaskTable tasks={tasks.data.items} />
      {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} />}
    </Stack>
  );
}

function useCount(params: TaskListParams) {
  return useTaskList({ ...params, limit: 1 }).data?.total;
}

/** "Việc của tôi": what my body must do, what is late or about to be first. */
export default function MyTasksPage() {
  const { t } = useTranslation();
  const me = useMe();
  const urgent = { mine: 'true', timeliness: 'in_progress_overdue,due_soon', sort: 'dueDate', order: 'asc' } as const;
  const urgentCount = useCount(urgent);
  const leadCount = useCount({ mine: 'true', role: 'lead' });
  const coordinatingCount = useCount({ mine: 'true', role: 'coordinating' });

  return (
    <Stack>
      <div>
        <Title order={2}>{t('myTasks.title')}</Title>
        <Text c="dimmed" size="sm">
          {me.data?.agency.name}
        </Text>
      </div>
      <Card withBorder>
        <Group gap="xs" mb="sm">
          <Title order={3} size="h4">
            {t('myTasks.urgent')}
          </Title>
          {urgentCount !== undefined && (
            <Badge color={urgentCount > 0 ? 'red' : 'gray'} variant="light">
              {urgentCount}
            </Badge>
          )}
        </Group>
        <TaskSection params={urgent} emptyText={t('myTasks.noUrgent')} />
      </Card>
      <Tabs defaultValue="lead" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="lead" rightSection={leadCount !== undefined && <Badge variant="light">{leadCount}</Badge>}>
            {t('myTasks.asLead')}
          </Tabs.Tab>
          <Tabs.Tab
            value="coordinating"
            rightSection={coordinatingCount !== undefined && <Badge variant="light">{coordinatingCount}</Badge>}
          >
            {t('myTasks.asCoordinating')}
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="lead" pt="sm">
          <TaskSection params={{ mine: 'true', role: 'lead', sort: 'dueDate' }} emptyText={t('myTasks.none')} />
        </Tabs.Panel>
        <Tabs.Panel value="coordinating" pt="sm">
          <TaskSection params={{ mine: 'true', role: 'coordinating', sort: 'dueDate' }} emptyText={t('myTasks.none')} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
