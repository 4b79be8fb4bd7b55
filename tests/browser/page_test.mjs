// Browser test of the escalint serve page: Playwright (playwright-core) driving
// Debian's Chromium, headless. Run by server_browser_test.sh, which starts the server.
//
//   node page_test.mjs <server url> <screenshot folder> <folder holding node_modules>
//
// Types a draft that says the partner was not contacted, waits for the findings, checks
// the highlight, the checklist and the hint; rewrites the sentence into a contact
// sentence and checks the partner item turns ✓; presses Submit with warnings still
// open and checks "Send anyway?"; sends anyway. Screenshots go to the folder given.
import { createRequire } from "node:module";
import { mkdtempSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";

const [url, shots, modules] = process.argv.slice(2);
const require = createRequire(path.join(modules, "package.json"));
const { chromium } = require("playwright-core");

mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(path.join(tmpdir(), "escalint-chromium-"));
const step = (name) => console.log(`# ${name}`);
let context;
const deadline = setTimeout(() => {
  console.error("browser test: timed out after 90 s");
  process.exit(1);
}, 90_000);

try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
    viewport: { width: 1200, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15_000);
  const consoleErrors = [];
  page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
  page.on("pageerror", (e) => consoleErrors.push(String(e)));

  step("open the page");
  await page.goto(url, { waitUntil: "domcontentloaded" });
  await page.getByLabel("Subject").fill("Checkout integration late and failing");

  step("type a draft whose partner sentence says they were not contacted");
  const denied = "We have not contacted the agency yet.";
  const draft =
    "Our checkout on Adobe Commerce 2.4.6 has failed with error 502 on order 100045821 since 3 March. " +
    denied + " The site loses sales every day.";
  const message = page.getByLabel("Message");
  await message.click();
  await message.pressSequentially(draft, { delay: 2 });

  step("findings: the partner-contact finding with its hint");
  const partnerFinding = page.locator('#findings li[data-rule="partner-contact"]');
  await partnerFinding.waitFor();
  const hint = (await partnerFinding.locator(".escalint-hint").textContent()).trim();
  assert.ok(hint.length > 20, `hint too short: ${hint}`);
  assert.match(await partnerFinding.textContent(), /partner/i);

  step("the highlight covers the sentence, over the textarea");
  const mark = page.locator('.escalint-mark[data-rule="partner-contact"]');
  await mark.waitFor();
  const marked = await mark.textContent();
  assert.ok(denied.includes(marked.trim()) || marked.includes("not contacted"), `highlight is '${marked}'`);
  const mb = await mark.boundingBox();
  const tb = await message.boundingBox();
  assert.ok(mb && tb && mb.x >= tb.x && mb.y >= tb.y && mb.x + mb.width <= tb.x + tb.width + 1 &&
            mb.y + mb.height <= tb.y + tb.height + 1, "the highlight is inside the textarea");
  // The mirror lays the text out exactly as the textarea does: same box, same font, same
  // padding, same wrapping width.
  const layout = await page.evaluate(() => {
    const t = document.querySelector("#message");
    const m = document.querySelector(".escalint-mirror");
    const a = getComputedStyle(t), b = getComputedStyle(m);
    const rt = t.getBoundingClientRect(), rm = m.getBoundingClientRect();
    const keys = ["fontFamily", "fontSize", "lineHeight", "letterSpacing", "paddingLeft", "paddingTop",
                  "borderLeftWidth", "borderTopWidth"];
    return { differs: keys.filter((k) => a[k] !== b[k]), dx: rm.left - rt.left, dy: rm.top - rt.top,
             width: m.clientWidth - t.clientWidth };
  });
  assert.deepEqual(layout.differs, [], `mirror style differs in ${layout.differs}`);
  assert.ok(Math.abs(layout.dx) < 0.5 && Math.abs(layout.dy) < 0.5, `mirror offset ${layout.dx},${layout.dy}`);
  assert.ok(Math.abs(layout.width) < 0.5, `mirror width differs by ${layout.width}`);
  const partnerCheck = page.locator('#checklist li[data-check="partner"]');
  assert.match(await partnerCheck.textContent(), /✗/);
  assert.match(await page.locator("#score").textContent(), /\d+\/100/);
  assert.match(await page.locator("#language").textContent(), /English/);
  assert.match(await page.locator("#announcer").textContent(), /finding/);
  await page.screenshot({ path: path.join(shots, "1-findings.png"), fullPage: true });

  step("keyboard: 'Show in text' selects the span");
  await partnerFinding.getByRole("button", { name: "Show in text" }).focus();
  await page.keyboard.press("Enter");
  const selected = await message.evaluate((t) => t.value.slice(t.selectionStart, t.selectionEnd));
  assert.equal(selected, marked);

  step("rewrite it into a contact sentence: the partner item turns ✓");
  const contact = "I emailed the agency's project manager on 4 March and they replied that a fix would take two weeks.";
  await message.evaluate((t, [from, to]) => {
    t.value = t.value.replace(from, to);
    t.dispatchEvent(new Event("input", { bubbles: true }));
  }, [denied, contact]);
  await page.waitForFunction(() => /✓/.test(document.querySelector('#checklist li[data-check="partner"]')?.textContent || ""));
  assert.equal(await page.locator('#findings li[data-rule="partner-contact"]').count(), 0);
  assert.equal(await page.locator('.escalint-mark[data-rule="partner-contact"]').count(), 0);
  await page.screenshot({ path: path.join(shots, "2-partner-ok.png"), fullPage: true });

  step("Submit with warnings open asks 'Send anyway?'");
  assert.ok((await page.locator("#findings li.escalint-warning").count()) > 0, "a warning is still open");
  await page.getByRole("button", { name: "Submit escalation" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Send anyway?" });
  await dialog.waitFor();
  assert.match(await dialog.textContent(), /open warning/);
  await page.screenshot({ path: path.join(shots, "3-send-anyway.png"), fullPage: true });
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });
  assert.equal(await page.locator("#sent").isVisible(), false);

  step("Send anyway submits");
  await page.getByRole("button", { name: "Submit escalation" }).click();
  await dialog.getByRole("button", { name: "Send anyway" }).click();
  await page.locator("#sent").waitFor();
  assert.match(await page.locator("#sent").textContent(), /submitted/);
  await page.screenshot({ path: path.join(shots, "4-sent.png"), fullPage: true });

  step("a phone-sized screen");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, "5-phone.png"), fullPage: true });

  assert.deepEqual(consoleErrors, [], "no errors in the console");
  console.log("browser test: 1 passed, 0 failed");
} catch (e) {
  console.error(`browser test: FAILED: ${e.stack || e}`);
  try {
    const p = context?.pages()[0];
    if (p) await p.screenshot({ path: path.join(shots, "failure.png"), fullPage: true });
  } catch { /* best effort */ }
  process.exitCode = 1;
} finally {
  clearTimeout(deadline);
  if (context) await context.close();
  rmSync(profile, { recursive: true, force: true });
}
