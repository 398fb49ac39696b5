import type { ProvinceRow } from '@giamsat/server/dashboard/dashboard.schemas.ts';
import { Card, Grid, Tabs, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BodyTable } from './BodyTable.tsx';
import { type MapMeasure, ProvinceMap } from './ProvinceMap.tsx';

/** The 34 provinces: the tile map beside the table on a wide screen, one or the other (tabs) on a narrow one. */
export function ProvinceSection({ rows }: { rows: ProvinceRow[] }) {
  const { t } = useTranslation();
  const [measure, setMeasure] = useState<MapMeasure>('onTimeCompletion');
  // Read at once (not after a first render): a wide screen should not flash the tabs.
  const wide = useMediaQuery('(min-width: 75em)', undefined, { getInitialValueInEffect: false });
  const [tab, setTab] = useState<string | null>('map');
  const map = <ProvinceMap rows={rows} measure={measure} onMeasureChange={setMeasure} />;
  return (
    <Card withBorder>
      <Title order={3} size="h5" mb="sm">
        {t('dashboard.provinces', { count: rows.length })}
      </Title>
      {wide ? (
        <Grid gutter="lg">
          <Grid.Col span={4}>{map}</Grid.Col>
          <Grid.Col span={8}>
            <BodyTable rows={rows} testId="province-table" maxHeight={880} minWidth={560} />
          </Grid.Col>
        </Grid>
      ) : (
        <Tabs value={tab} onChange={setTab} keepMounted={false}>
          <Tabs.List mb="sm">
            <Tabs.Tab value="map">{t('dashboard.map.tabs.map')}</Tabs.Tab>
            <Tabs.Tab value="table">{t('dashboard.map.tabs.table')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="map">{map}</Tabs.Panel>
          <Tabs.Panel value="table">
            <BodyTable rows={rows} testId="province-table" />
          </Tabs.Panel>
        </Tabs>
      )}
    </Card>
  );
}
