// `# gen-repo: fmt off` … `# gen-repo: fmt on` regions are printed byte for
// byte; everything around them is still formatted.
import { describe, expect, it } from "vitest";
import { formatPbtxt } from "../../src/fmt/format.js";
import { toProtoJSON } from "../../src/textformat/json.js";
import { parseConfig } from "../../src/textformat/parser.js";

function check(given: string, want: string): void {
  const result = formatPbtxt(given);
  expect(result.ok).toBe(true);
  expect(result.text).toBe(want);
  expect(formatPbtxt(result.text).text).toBe(want);
  expect(toProtoJSON(parseConfig(result.text).value)).toEqual(toProtoJSON(parseConfig(given).value));
}

describe("fmt off regions", () => {
  it("keeps a top-level region byte for byte", () => {
    const region = "# gen-repo: fmt off\ninstance_group [ { count: 2   kind: KIND_GPU },\n                 { count: 1   kind: KIND_CPU } ]\n# gen-repo: fmt on";
    check(`name:'m'\n${region}\nmax_batch_size:4\n`, `name: "m"\n${region}\nmax_batch_size: 4\n`);
  });

  it("keeps the region's own indentation inside a message", () => {
    const region = "      # gen-repo: fmt off\n   max_queue_delay_microseconds:100   # aligned\n        preferred_batch_size: [ 4,8 ]\n   # gen-repo: fmt on";
    check(`dynamic_batching {\n${region}\n   preserve_ordering: true }\n`, `dynamic_batching {\n${region}\n  preserve_ordering: true\n}\n`);
  });

  it("without fmt on, runs to the end of the enclosing message", () => {
    const region = "  #gen-repo: fmt off\n  max_queue_delay_microseconds:   100 # x";
    check(`dynamic_batching {\n${region}\n}\nname:'m'\n`, `dynamic_batching {\n${region}\n}\nname: "m"\n`);
  });

  it("without fmt on at the top level, runs to the end of the file", () => {
    const region = "# gen-repo: fmt off\nname:'m'\n\n\nmax_batch_size:   1";
    check(`platform:'p'\n${region}\n\n`, `platform: "p"\n${region}\n`);
  });

  it("an fmt on in a nested message does not end an outer region", () => {
    const region = "# gen-repo: fmt off\ndynamic_batching {\n # gen-repo: fmt on\n  max_queue_delay_microseconds:1 }\nname:'m'";
    check(`${region}\n`, `${region}\n`);
  });

  it("a same-line fmt off is an ordinary comment", () => {
    check("name:'m' # gen-repo: fmt off\nplatform:'p'\n", 'name: "m"  # gen-repo: fmt off\nplatform: "p"\n');
  });

  it("blank lines before a region are kept as one", () => {
    check('name: "m"\n\n\n# gen-repo: fmt off\nplatform:"p"\n# gen-repo: fmt on\n', 'name: "m"\n\n# gen-repo: fmt off\nplatform:"p"\n# gen-repo: fmt on\n');
  });
});
