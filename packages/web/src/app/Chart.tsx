import { Center, Loader } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type * as ChartModuleNs from './echarts';
import type { EChartsType } from './echarts';

type ChartModule = typeof ChartModuleNs;

export type ChartClick = { name: string; dataIndex: number; seriesType?: string; dataType?: string };

type ChartProps = {
  /** The ECharts option; a new object redraws the chart. */
  option: Record<string, unknown>;
  /** Runs once the library is loaded, before the first draw (e.g. to register a map). */
  prepare?: (echarts: ChartModule) => void;
  onClick?: (event: ChartClick) => void;
  height: number;
  /** What the picture shows, for a screen reader; the page holds the same facts as text. */
  label: string;
};

/** A canvas chart, loaded on first use; it follows the size of its box. */
export function Chart({ option, prepare, onClick, height, label }: ChartProps) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const [loaded, setLoaded] = useState(false);
  const clickRef = useRef(onClick);
  const prepareRef = useRef(prepare);
  useEffect(() => {
    clickRef.current = onClick;
    prepareRef.current = prepare;
  });

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void import('./echarts').then((echarts) => {
      if (disposed || !box.current) return;
      prepareRef.current?.(echarts);
      const instance = echarts.init(box.current, undefined, { renderer: 'canvas' });
      instance.on('click', (event) => clickRef.current?.(event as unknown as ChartClick));
      chart.current = instance;
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(box.current);
      setLoaded(true);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (loaded) chart.current?.setOption(option, { notMerge: true });
  }, [loaded, option]);

  return (
    <div className="chart-frame">
      <div ref={box} role="img" aria-label={label} style={{ height }} />
      {loaded ? null : (
        <Center className="chart-loading">
          <Loader aria-label={t('common.loading')} />
        </Center>
      )}
    </div>
  );
}
