import { expect, test } from "bun:test";
import { Environment } from "../../../src/core/environment.ts";
import { renderHtmlReport } from "../../../src/ui/report/html-report.ts";
import { recordRequest, SteppedClock } from "../ui-fixture.ts";

test("the HTML report lists each threshold with its value and verdict, escaped; none: no section", () => {
  const environment = new Environment({ clock: new SteppedClock(1_800_000_000), thresholds: ['"GET /a<b>":p95<100', "requests>=5"] });
  environment.attachStats();
  recordRequest(environment, "/a<b>", 40);
  const html = renderHtmlReport(environment);
  expect(html).toContain("<h2>Thresholds</h2>");
  expect(html).toContain("<tr><td><code>&quot;GET /a&lt;b&gt;&quot;:p95&lt;100</code></td><td>40</td><td><span class=\"pass\">pass</span></td></tr>");
  expect(html).toContain("<tr><td><code>requests&gt;=5</code></td><td>1</td><td><span class=\"fail\">FAIL</span></td></tr>");
  expect(renderHtmlReport(new Environment({ clock: new SteppedClock(1_800_000_000) }))).not.toContain("<h2>Thresholds</h2>");
});
