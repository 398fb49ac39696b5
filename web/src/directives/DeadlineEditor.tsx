import { DeadlineKind, RecurrencePeriod } from '@giamsat/shared';
import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useTranslation } from 'react-i18next';
import { formatDate, toIsoDate } from '../ui/format.ts';

export interface DeadlineValue {
  kind: DeadlineKind;
  raw: string;
  due: string | null;
  period: RecurrencePeriod | null;
}

/** dd/mm/yyyy (or d/m/yyyy) typed by hand → 'yyyy-mm-dd'; the picker's own parser would guess the order. */
export function parseVietnameseDate(input: string): string | null {
  const match = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(input);
  if (!match) return null;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A calendar day ('yyyy-mm-dd'), shown and typed as dd/mm/yyyy. */
export function DayInput({
  label,
  value,
  onChange,
  error,
  required,
  testId,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  testId?: string;
}) {
  return (
    <DateInput
      label={label}
      value={value}
      onChange={(date) => onChange(toIsoDate(date))}
      valueFormat="DD/MM/YYYY"
      placeholder="dd/mm/yyyy"
      dateParser={parseVietnameseDate}
      clearable
      error={error}
      required={required}
      data-testid={testId}
    />
  );
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
