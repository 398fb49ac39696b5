import { FeedbackStanding, FeedbackStatus } from '@giamsat/server/feedback/feedback.schemas.ts';
import { Badge, Button, Drawer, Group, Select, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AgencyPicker } from '../agencies/AgencyPicker.tsx';
import { formatDate, formatDateTime } from '../ui/format.ts';
import { RowsTable } from '../ui/RowsTable.tsx';
import { ActionError, ListStates } from '../ui/states.tsx';
import {
  type Feedback,
  type FeedbackFilters,
  useAnswerFeedback,
  useAssignFeedback,
  useFeedbackHistory,
  useFeedbackInbox,
  useTransferFeedback,
} from './useFeedback.ts';

const STANDING_COLOR = { on_time: 'green', due_soon: 'yellow', late: 'red' } as const;

function StandingBadge({ standing }: { standing: Feedback['standing'] }) {
  const { t } = useTranslation();
  if (!standing) return null;
  return (
    <Badge color={STANDING_COLOR[standing]} variant="light" data-standing={standing}>
      {t(`feedback.standing.${standing}`)}
    </Badge>
  );
}

function History({ id }: { id: number }) {
  const { t } = useTranslation();
  const history = useFeedbackHistory(id);
  return (
    <Stack gap={4} component="ol" m={0} pl="md">
      {history.data?.items.map((h) => (
        <Text component="li" size="sm" key={`${h.action}-${h.at}`}>
          {formatDateTime(h.at)} — {t(`feedback.actions.${h.action}`)}
          {h.agency ? `: ${h.agency.name}` : ''}
          {h.by ? ` (${h.by.name})` : ''}
          {h.reason ? ` — ${h.reason}` : ''}
        </Text>
      ))}
    </Stack>
  );
}

/** Routing one submission: the office assigns, the body transfers or answers, as its abilities say. */
function FeedbackDetail({ feedback }: { feedback: Feedback }) {
  const { t } = useTranslation();
  const assign = useAssignFeedback();
  const transfer = useTransferFeedback();
  const answer = useAnswerFeedback();
  const [assignTo, setAssignTo] = useState<number | null>(null);
  const [transferTo, setTransferTo] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  const [answerText, setAnswerText] = useState('');
  const { abilities } = feedback;
  return (
    <Stack>
      <Text fw={600}>{feedback.title}</Text>
      <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
        {feedback.content}
      </Text>
      <Text size="sm" c="dimmed">
        {t('feedback.contact')}: {feedback.contact.name}
        {feedback.contact.email ? ` · ${feedback.contact.email}` : ''}
        {feedback.contact.phone ? ` · ${feedback.contact.phone}` : ''}
        {feedback.contact.organisation ? ` · ${feedback.contact.organisation}` : ''}
      </Text>
      {feedback.concernedAgency && (
        <Text size="sm">
          {t('feedback.concerned')}: {feedback.concernedAgency.name}
        </Text>
      )}
      {feedback.answer && (
        <Stack gap={2}>
          <Text fw={600} size="sm">
            {t('feedback.answerOf', { day: formatDate(feedback.answeredOn) })}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
            {feedback.answer}
          </Text>
        </Stack>
      )}
      <Title order={5}>{t('feedback.history')}</Title>
      <History id={feedback.id} />
      <ActionError error={assign.error ?? transfer.error ?? answer.error} />
      {abilities.assign && (
        <Stack gap="xs" data-testid="feedback-assign">
          <AgencyPicker label={t('feedback.assignTo')} value={assignTo} onChange={setAssignTo} />
          <Button
            disabled={assignTo === null}
            loading={assign.isPending}
            onClick={() => assignTo !== null && assign.mutate({ id: feedback.id, agencyId: assignTo })}
          >
            {t('feedback.assign')}
          </Button>
        </Stack>
      )}
      {abilities.transfer && (
        <Stack gap="xs" data-testid="feedback-transfer">
          <Text size="sm" c="dimmed">
            {t('feedback.transferUntil', { day: formatDate(feedback.transferUntil) })}
          </Text>
          <AgencyPicker label={t('feedback.transferTo')} value={transferTo} onChange={setTransferTo} />
          <Textarea label={t('feedback.reason')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} />
          <Button
            variant="light"
            disabled={transferTo === null || !reason.trim()}
            loading={transfer.isPending}
            onClick={() => transferTo !== null && transfer.mutate({ id: feedback.id, agencyId: transferTo, reason })}
          >
            {t('feedback.transfer')}
          </Button>
        </Stack>
      )}
      {abilities.answer && (
        <Stack gap="xs" data-testid="feedback-answer">
          <Textarea
            label={t('feedback.answer')}
            autosize
            minRows={4}
            value={answerText}
            onChange={(e) => setAnswerText(e.currentTarget.value)}
          />
          <Button
            disabled={!answerText.trim()}
            loading={answer.isPending}
            onClick={() => answer.mutate({ id: feedback.id, answer: answerText })}
          >
            {t('feedback.sendAnswer')}
          </Button>
        </Stack>
      )}
    </Stack>
  );
}

/** The staff inbox of feedback and recommendations, with where each stands against its limit. */
export default function FeedbackInboxPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<FeedbackFilters>({ status: null, standing: null });
  const [openId, setOpenId] = useState<number | null>(null);
  const inbox = useFeedbackInbox(filters);
  const open = inbox.data?.items.find((f) => f.id === openId) ?? null;
  return (
    <Stack>
      <Title order={2}>{t('feedback.title')}</Title>
      <Group>
        <Select
          label={t('feedback.status')}
          clearable
          value={filters.status}
          data={FeedbackStatus.options.map((s) => ({ value: s, label: t(`feedback.statuses.${s}`) }))}
          onChange={(v) => setFilters((f) => ({ ...f, status: FeedbackStatus.safeParse(v).data ?? null }))}
        />
        <Select
          label={t('feedback.standingLabel')}
          clearable
          value={filters.standing}
          data={FeedbackStanding.options.map((s) => ({ value: s, label: t(`feedback.standing.${s}`) }))}
          onChange={(v) => setFilters((f) => ({ ...f, standing: FeedbackStanding.safeParse(v).data ?? null }))}
        />
      </Group>
      <ListStates query={inbox} empty={t('feedback.none')}>
        {(page) => (
          <RowsTable
            minWidth={720}
            data-testid="feedback-inbox"
            columns={[
              t('feedback.code'),
              t('feedback.subject'),
              t('feedback.status'),
              t('feedback.body'),
              t('feedback.answerDue'),
              t('feedback.standingLabel'),
            ]}
          >
            {page.items.map((f) => (
              <Table.Tr key={f.id} data-tracking-code={f.trackingCode}>
                <Table.Td>
                  <Button variant="subtle" size="compact-sm" onClick={() => setOpenId(f.id)}>
                    {f.trackingCode}
                  </Button>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{f.title}</Text>
                  <Text size="xs" c="dimmed">
                    {t(`feedback.types.${f.type}`)} · {f.field.name}
                  </Text>
                </Table.Td>
                <Table.Td>{t(`feedback.statuses.${f.status}`)}</Table.Td>
                <Table.Td>{f.agency?.name ?? ''}</Table.Td>
                <Table.Td>{formatDate(f.answerDueOn)}</Table.Td>
                <Table.Td>
                  <StandingBadge standing={f.standing} />
                </Table.Td>
              </Table.Tr>
            ))}
          </RowsTable>
        )}
      </ListStates>
      <Drawer
        opened={open !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="lg"
        title={open?.trackingCode}
      >
        {open && <FeedbackDetail key={open.id} feedback={open} />}
      </Drawer>
    </Stack>
  );
}
