import { describe, expect, test } from "bun:test";
import { BOOT_CONFIG_ID, createBootConfig, injectBootConfig } from "../../src/ui/boot-config.ts";
import { createUiFixture } from "./ui-fixture.ts";

const readConfig = (html: string) => JSON.parse(new RegExp(`id="${BOOT_CONFIG_ID}">(.*?)</script>`).exec(html)![1]!);

describe("injectBootConfig", () => {
  test.each(["http://a$'b.test", "http://a$`b.test", "http://$&$1$$.test", "http://x</script><b>.test"])(
    "keeps the host %s as it is and the page intact",
    async (host) => {
      await using fixture = createUiFixture({}, { host });
      const html = injectBootConfig("<html><head><title>t</title></head><body>page</body></html>", createBootConfig(fixture.app.context));
      expect(readConfig(html).host).toBe(host);
      expect(html).toEndWith("</head><body>page</body></html>");
      expect(html.match(/<\/script>/g)).toHaveLength(1);
    },
  );
});
