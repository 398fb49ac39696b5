import type {
  NotificationListResponse,
  NotificationResponse,
} from '@giamsat/server/notifications/notification.schemas.ts';
import { ActionIcon, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { api } from '../api/client.ts';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { ListStates } from '../ui/states.tsx';

type NotificationList = z.infer<typeof NotificationListResponse>;
const KEY = ['notifications'] as const;

function useNotifications() {
  return useQuery({
    queryKey: KEY,
    queryFn: () => api.get<NotificationList>('/api/notifications', { limit: 20 }),
    // A directive published elsewhere shows up within a minute, without a push channel.
    refetchInterval: 60_000,
    staleTime: 30_000,
  });
}

function Item({ notification, onOpen }: { notification: NotificationResponse; onOpen: () => void }) {
  const { t } = useTranslation();
  const unread = notification.readAt === null;
  return (
    <UnstyledButton
      onClick={onOpen}
      p="xs"
      style={{
        borderRadius: 4,
        background: unread ? 'var(--mantine-color-red-0)' : undefined,
      }}
      data-testid="notification"
      data-unread={unread || undefined}
    >
      <Text size="sm" fw={unread ? 700 : 400}>
        {t(`notifications.kind.${notification.kind}`, {
          number: notification.directive?.number ?? '',
          ref: notification.task?.ref ?? '',
          dueDate: formatDate(notification.dueDate),
          since: formatDate(notification.since),
          role: notification.role ? t(`notifications.role.${notification.role}`) : '',
          plan: notification.plan?.number ?? '',
          body: notification.plan?.body ?? '',
          count: notification.taskCount,
          defaultValue: notification.kind,
        })}
      </Text>
      {(notification.task?.text || notification.directive?.title) && (
        <Text size="xs" lineClamp={2}>
          {notification.task?.text || notification.directive?.title}
        </Text>
      )}
      {notification.comment && (
        <Text size="xs" fs="italic" lineClamp={3} data-testid="notification-comment">
          {t('notifications.comment', { comment: notification.comment })}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {[
          notification.leadTaskCount > 0 && t('notifications.lead', { count: notification.leadTaskCount }),
          notification.coordinatingTaskCount > 0 &&
            t('notifications.coordinating', { count: notification.coordinatingTaskCount }),
          formatDateTime(notification.createdAt),
        ]
          .filter(Boolean)
          .join(' · ')}
      </Text>
    </UnstyledButton>
  );
}

/** The bell in the header: what my body must act on (published, returned, decided, assigned), unread in colour. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const refresh = () => client.invalidateQueries({ queryKey: KEY });
  const read = useMutation({
    mutationFn: (id: number) => api.post(`/api/notifications/${id}/read`),
    onSuccess: refresh,
  });
  const readAll = useMutation({ mutationFn: () => api.post('/api/notifications/read-all'), onSuccess: refresh });
  const unread = list.data?.unread ?? 0;

  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={16} disabled={unread === 0} offset={4} color="red">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notifications.open', { count: unread })}
            data-testid="notification-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs">
        <Group justify="space-between" mb="xs">
          <Text fw={600} size="sm">
            {t('notifications.title')}
          </Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => readAll.mutate()} loading={readAll.isPending}>
              {t('notifications.readAll')}
            </Button>
          )}
        </Group>
        <ListStates query={list} empty={t('notifications.empty')}>
          {(page) => (
            <ScrollArea.Autosize mah={420}>
              <Stack gap={4}>
                {page.items.map((notification) => (
                  <Item
                    key={notification.id}
                    notification={notification}
                    onOpen={() => {
                      if (notification.readAt === null) read.mutate(notification.id);
                      setOpened(false);
                      // A notification about a task opens the task; a publication, the directive.
                      if (notification.task) void navigate(`/tasks/${notification.task.id}`);
                      else if (notification.directive) void navigate(`/directives/${notification.directive.id}`);
                    }}
                  />
                ))}
              </Stack>
            </ScrollArea.Autosize>
          )}
        </ListStates>
      </Popover.Dropdown>
    </Popover>
  );
}
