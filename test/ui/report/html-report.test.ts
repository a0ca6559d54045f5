import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import { Environment } from "../../../src/core/environment.ts";
import { renderHtmlReport, writeHtmlReport } from "../../../src/ui/report/html-report.ts";
import { createTempDir, ManualClock, recordRequest, TargetUser } from "../ui-fixture.ts";

function reportEnvironment(): Environment {
  const clock = new ManualClock(1_800_000_000);
  const environment = new Environment({ userClasses: [TargetUser], clock, host: "http://shop.test", parsedOptions: { locustfile: "tests/shop.ts" } });
  environment.attachStats();
  environment.createLocalRunner();
  for (let i = 0; i < 3; i++) {
    clock.seconds += 5;
    for (const ms of [10, 20, 30, 40]) recordRequest(environment, "/home", ms, { length: 100 });
    recordRequest(environment, "/<script>", 5, { method: "POST", error: new Error("<b>bad</b>") });
    environment.stats.history.record(environment.stats, 3, clock.seconds);
  }
  environment.runner!.exceptions.record(new Error("oops <x>"), "Error: oops <x>\n    at task");
  return environment;
}

describe("renderHtmlReport", () => {
  test("has the request, percentile, failure and exception tables, with every value escaped", async () => {
    const environment = reportEnvironment();
    const html = renderHtmlReport(environment);
    expect(html).toContain("<title>Test Report for shop</title>");
    expect(html).toContain("<dd>http://shop.test</dd>");
    for (const heading of ["Request Statistics", "Response Time Statistics", "Failures Statistics", "Exceptions Statistics", "Latency Spectrum", "Charts", "Final ratio"]) {
      expect(html).toContain(`<h2>${heading}</h2>`);
    }
    const percentileHeads = /<table class="percentiles"><thead><tr>(.*?)<\/tr>/.exec(html)![1]!.match(/<th>(.*?)<\/th>/g)!;
    expect([...percentileHeads]).toEqual(
      ["Method", "Name", "50%ile (ms)", "60%ile (ms)", "70%ile (ms)", "80%ile (ms)", "90%ile (ms)", "95%ile (ms)", "99%ile (ms)", "100%ile (ms)"].map((h) => `<th>${h}</th>`),
    );
    expect(html).toContain('<td>GET</td><td class="name" title="/home">/home</td><td>12</td><td>0</td><td>25</td>');
    expect(html).toContain(`<td>POST</td><td class="name" title="/&lt;script&gt;">/&lt;script&gt;</td><td><code>Error(&#39;&lt;b&gt;bad&lt;/b&gt;&#39;)</code></td><td>3</td>`);
    expect(html).toContain("<td>oops &lt;x&gt;</td>");
    // The spectrum of /home (10, 20, 30, 40 ms ×3): the median, then the slowest from p75 on.
    expect(html).toContain(`<td>GET</td><td class="name" title="/home">/home</td><td>30</td>${"<td>40</td>".repeat(11)}</tr>`);
    // With no users running, the final ratio falls back to the weights: TargetUser's tasks 3:1.
    expect(html).toContain('<h3>Total ratio</h3><ul><li><span class="ratio">100.00%</span> TargetUser<ul><li><span class="ratio">75.00%</span> fast</li><li><span class="ratio">25.00%</span> fail</li></ul>');
    expect(html).not.toContain("<script");
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(html.match(/<polyline/g)).toHaveLength(5);
    await environment.runner!.quit();
  });

  test("links to the download unless it is the download, and honours the dark theme", async () => {
    const environment = reportEnvironment();
    expect(renderHtmlReport(environment, { theme: "dark" })).toContain('<a class="download" href="?download=1&amp;theme=dark">');
    expect(renderHtmlReport(environment, { download: true })).not.toContain('class="download"');
    expect(renderHtmlReport(environment, { theme: "dark" })).toContain('<html lang="en" class="dark">');
    await environment.runner!.quit();
  });
});

describe("writeHtmlReport", () => {
  test("writes the report without a download link, creating missing folders", async () => {
    await using dir = await createTempDir("ui-report-");
    const environment = reportEnvironment();
    const path = join(dir.path, "nested", "report.html");
    await writeHtmlReport(environment, path);
    const html = await Bun.file(path).text();
    expect(html).toStartWith("<!doctype html>");
    expect(html).toContain("<h2>Request Statistics</h2>");
    expect(html).not.toContain('class="download"');
    await environment.runner!.quit();
  });
});
