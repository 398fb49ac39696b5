import { DeadlineKind, RecurrencePeriod } from '@giamsat/shared';
import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DayInput } from '../ui/DayInput.tsx';
import { formatDate } from '../ui/format.ts';

export interface DeadlineValue {
  kind: DeadlineKind;
  raw: string;
  due: string | null;
  period: RecurrencePeriod | null;
}

/**
 * The deadline as written in the directive (kept verbatim) beside the day it was normalised to, and
 * its kind: a fixed day, a recurring report, continuous, tied to an event, or none yet.
 */
export function DeadlineEditor({
  value,
  onChange,
}: {
  value: DeadlineValue;
  onChange: (value: DeadlineValue) => void;
}) {
  const { t } = useTranslation();
  const needsDay = value.kind === 'date' || value.kind === 'recurring';
  const setKind = (kind: DeadlineKind) =>
    onChange({
      ...value,
      kind,
      due: kind === 'date' || kind === 'recurring' ? value.due : null,
      period: kind === 'recurring' ? (value.period ?? 'monthly') : null,
    });
  const computed =
    value.kind === 'date' && value.due
      ? formatDate(value.due)
      : value.kind === 'recurring'
        ? `${value.period ? t(`periods.${value.period}`) : ''}${value.due ? ` · ${formatDate(value.due)}` : ''}`
        : t(`deadlineKind.${value.kind}`);
  return (
    <Stack gap="xs" data-testid="deadline-editor">
      <TextInput
        label={t('directives.deadline.raw')}
        description={t('directives.deadline.rawHint')}
        value={value.raw}
        onChange={(event) => onChange({ ...value, raw: event.currentTarget.value })}
      />
      <Group grow align="flex-start">
        <Select
          label={t('directives.deadline.kind')}
          data={DeadlineKind.options.map((kind) => ({ value: kind, label: t(`deadlineKind.${kind}`) }))}
          value={value.kind}
          onChange={(kind) => kind && setKind(DeadlineKind.parse(kind))}
          allowDeselect={false}
        />
        {needsDay && (
          <DayInput
            label={t('directives.deadline.due')}
            value={value.due}
            onChange={(due) => onChange({ ...value, due })}
            required={value.kind === 'date'}
            error={value.kind === 'date' && !value.due ? t('directives.deadline.dueRequired') : undefined}
          />
        )}
        {value.kind === 'recurring' && (
          <Select
            label={t('directives.deadline.period')}
            data={RecurrencePeriod.options.map((period) => ({ value: period, label: t(`periods.${period}`) }))}
            value={value.period}
            onChange={(period) => period && onChange({ ...value, period: RecurrencePeriod.parse(period) })}
            allowDeselect={false}
          />
        )}
      </Group>
      <Text size="sm" data-testid="deadline-computed">
        {t('directives.deadline.computed')}: <strong>{computed || '—'}</strong>
      </Text>
    </Stack>
  );
}
