import type uPlot from "uplot";
import { themeColors } from "./chart-theme.ts";

/**
 * Saves a uPlot chart as a PNG: its canvas under the title and a legend line, on the theme's panel colour (the
 * canvas alone has neither, and a transparent background is unreadable in most viewers).
 */
export function saveChartImage(plot: uPlot, title: string, legend: ReadonlyArray<[label: string, color: string]>, fileName: string): void {
  const source = plot.ctx.canvas;
  const ratio = source.width / plot.width;
  const header = Math.round(56 * ratio);
  const canvas = Object.assign(document.createElement("canvas"), { width: source.width, height: source.height + header });
  const ctx = canvas.getContext("2d")!;
  const style = getComputedStyle(document.documentElement);
  ctx.fillStyle = style.getPropertyValue("--panel").trim() || "#fff";
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = style.getPropertyValue("--text").trim() || "#000";
  ctx.font = `600 ${Math.round(15 * ratio)}px system-ui, sans-serif`;
  ctx.fillText(title, 12 * ratio, 22 * ratio);
  ctx.font = `${Math.round(12 * ratio)}px system-ui, sans-serif`;
  let x = 12 * ratio;
  for (const [label, color] of legend) {
    ctx.fillStyle = color;
    ctx.fillRect(x, 38 * ratio, 14 * ratio, 4 * ratio);
    ctx.fillStyle = themeColors().axis;
    ctx.fillText(label, x + 20 * ratio, 44 * ratio);
    x += (28 + ctx.measureText(label).width / ratio) * ratio;
  }
  ctx.drawImage(source, 0, header);
  canvas.toBlob((blob) => {
    if (!blob) return;
    const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: fileName });
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  }, "image/png");
}
