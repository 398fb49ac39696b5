import { formatDay, readTypedDay } from '@giamsat/shared/dates';
import { CloseButton, Popover, TextInput } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The one date field of the app: a calendar day ('yyyy-mm-dd'), shown dd/mm/yyyy and typed day first
 * (05/06/2027, 5/6/2027, 05-06-2027, 05.06.2027), or picked in a calendar. Typed text that is not a real
 * day clears the value and, once the user leaves the field, says why next to what they typed: it is
 * never guessed month first nor rolled over (31/02 into March), as a date picker's own parser does.
 * The text is this field's own, so a value that arrives later (from the address bar) never overwrites
 * what is being typed.
 */
export function DayInput({
  label,
  value,
  onChange,
  error,
  required,
  clearable = true,
  testId,
  w,
}: {
  label: string;
  value: string | null;
  onChange: (value: string | null) => void;
  error?: string | undefined;
  required?: boolean;
  clearable?: boolean;
  testId?: string;
  w?: number;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ? formatDay(value) : '');
  const [left, setLeft] = useState(false);
  const [calendarOpen, setCalendarOpen] = useState(false);
  const read = text.trim() ? readTypedDay(text) : null;
  const typedDay = read && 'day' in read ? read.day : null;

  // A value set from outside (cleared filters, a loaded record) replaces the text; the one just typed
  // here does not. Only a new value re-runs this: the text is compared with it at that moment.
  // biome-ignore lint/correctness/useExhaustiveDependencies: typing must not re-run it
  useEffect(() => {
    if (value !== typedDay) setText(value ? formatDay(value) : '');
  }, [value]);

  const type = (next: string) => {
    setText(next);
    setLeft(false);
    const day = next.trim() ? readTypedDay(next) : null;
    const nextValue = day && 'day' in day ? day.day : null;
    if (nextValue !== value) onChange(nextValue);
  };
  const pick = (day: string | null) => {
    setText(day ? formatDay(day) : '');
    setLeft(true);
    setCalendarOpen(false);
    if (day !== value) onChange(day);
  };
  const problem = read && 'problem' in read ? read.problem : null;

  return (
    <Popover opened={calendarOpen} onChange={setCalendarOpen} position="bottom-start" trapFocus={false} shadow="md">
      <Popover.Target>
        <TextInput
          label={label}
          value={text}
          onChange={(event) => type(event.currentTarget.value)}
          onClick={() => setCalendarOpen(true)}
          onFocus={() => setCalendarOpen(true)}
          onBlur={() => {
            setLeft(true);
            setCalendarOpen(false);
            // What was typed as 5-6-2027 is shown as the app writes days.
            if (typedDay) setText(formatDay(typedDay));
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape' || event.key === 'Enter') setCalendarOpen(false);
          }}
          placeholder={t('dates.placeholder')}
          autoComplete="off"
          inputMode="numeric"
          leftSection={<IconCalendar size={16} aria-hidden />}
          rightSection={
            clearable && text ? (
              <CloseButton size="sm" aria-label={t('dates.clear')} onClick={() => pick(null)} />
            ) : null
          }
          error={problem && left ? t(`dates.${problem}`, { typed: text.trim() }) : error}
          required={required}
          w={w}
          data-testid={testId}
        />
      </Popover.Target>
      <Popover.Dropdown onMouseDown={(event) => event.preventDefault()}>
        <DatePicker
          value={value}
          defaultDate={value ?? undefined}
          onChange={(day) => pick(day)}
          allowDeselect={false}
        />
      </Popover.Dropdown>
    </Popover>
  );
}
