// Progress: four charts over one range (week, month, 3 months, all), each savable.

import type { AppContext } from "./app-context";
import type { ChartKind } from "./bindings";
import { showSaved } from "./saved-files";
import { ChartLoader, createChartView, saveButtons } from "./chart-view";
import { h } from "./dom";
import { PROGRESS_RANGES, progressRange, type ProgressRangeKey } from "./plan-form";
import { createSegmented } from "./segmented";

/** What this module asks of the application. */
type Context = Pick<AppContext, "toast">;

export type ProgressScreen = { el: HTMLElement; load(): Promise<void> };

export const PROGRESS_CHARTS: ReadonlyArray<{ kind: ChartKind; title: string; what: string; ratio: number }> = [
  { kind: "taper", title: "Taken and planned", what: "taken and planned", ratio: 0.45 },
  { kind: "symptoms", title: "Symptoms by day", what: "symptoms by day", ratio: 0.5 },
  { kind: "sleep", title: "Craving and sleep", what: "craving and sleep", ratio: 0.4 },
  { kind: "progress", title: "Weekly averages", what: "weekly averages", ratio: 0.4 },
];

export function createProgressScreen(app: Context): ProgressScreen {
  const heading = h("h1", { id: "progress-heading", tabindex: -1 }, "Progress");
  let rangeKey: ProgressRangeKey = "month";
  const ranges = createSegmented("progress-range", "Days shown", PROGRESS_RANGES, rangeKey, (k) => {
    rangeKey = k;
    void load();
  });

  const charts = PROGRESS_CHARTS.map((c) => {
    const view = createChartView(`progress-chart-${c.kind}`, c.title);
    const loader = new ChartLoader(c.kind, view, c.ratio);
    const title = h("h2", { id: `progress-title-${c.kind}` }, c.title);
    const card = h(
      "section",
      { class: "card chart-card", "aria-labelledby": `progress-title-${c.kind}`, "data-kind": c.kind },
      h("div", { class: "card-head" }, title, saveButtons(`progress-${c.kind}`, c.what, () => loader.request(progressRange(rangeKey)), (path) => showSaved(app.toast, [path]), (t) => app.toast.show(t))),
      view.el,
    );
    return { loader, title, card };
  });

  const el = h(
    "section",
    { id: "screen-progress", class: "screen", "aria-labelledby": "progress-heading", hidden: true },
    h("header", { class: "screen-header" }, heading, ranges.el),
    ...charts.map((c) => c.card),
  );

  async function load(): Promise<void> {
    const range = progressRange(rangeKey);
    // One after the other: the machine may have two cores and the diary is a single file.
    for (const c of charts) {
      const title = await c.loader.load(range);
      if (title) c.title.textContent = title;
    }
  }

  return { el, load };
}
