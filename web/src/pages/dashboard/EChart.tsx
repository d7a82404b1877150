import { useEffect, useRef } from 'react';
import { init, type EChartsType } from 'echarts/core';
import type { ChartOption } from './echarts';
import './echarts';

type Props = {
  option: ChartOption;
  /** What the chart shows, read out by screen readers (the canvas itself says nothing). */
  label: string;
  height?: number;
  /** Stable name for tests and styling. */
  name: string;
};

/**
 * One ECharts canvas: created on mount, updated with the new option whenever it changes (so a new
 * language or new figures redraw it), resized with its container, disposed on unmount.
 */
export function EChart({ option, label, height = 300, name }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, undefined, { renderer: 'canvas' });
    chart.current = instance;
    // Tests and screenshots wait for this: drawn and done animating.
    instance.on('finished', () => {
      element.dataset.ready = 'true';
    });
    let frame = 0;
    // Resizing inside the observer callback can re-trigger it; one resize per frame is enough.
    const observer = new ResizeObserver(() => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => instance.resize());
    });
    observer.observe(element);
    return () => {
      cancelAnimationFrame(frame);
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const element = container.current;
    if (!chart.current || !element) return;
    // Series carry ids: the same series morphs to its new figures or language, one that went away
    // is removed, and the entry animation does not replay on every refresh.
    element.dataset.ready = 'false';
    chart.current.setOption(option, { replaceMerge: ['series'] });
  }, [option]);

  return <div ref={container} role="img" aria-label={label} data-chart={name} style={{ width: '100%', height }} />;
}
