// An incident with more open actions than the dashboard draws at once (120;
// the board draws 50 at a time, the check-in card 8). Every action stays
// reachable from the keyboard: Ctrl+J, then Down past the last drawn row draws
// the next page; the button does the same for a pointer.
import assert from 'node:assert/strict';
import { ui, waitFor, expectFocused, expectContains, fillNewIncident, productProblems } from './helpers.mjs';
import { appScenario } from './steps.mjs';

const N = 120;
const { ctx, step } = appScenario('actions-many');

const board = (page) => ui(page).dashboard.getByRole('list', { name: 'Open actions', exact: true });
const row = (page, i) => board(page).getByRole('listitem', { name: `@sam: action number ${i}, asked`, exact: true });

step(`${N} open actions: the board draws 50, the check-in card 8 and says how many more`, async () => {
  const { page } = ctx;
  await fillNewIncident(page, 'Many actions');
  await page.evaluate(async (n) => {
    const id = (await window.go.app.Incidents.List())[0].id;
    for (let i = 1; i <= n; i++) await window.go.app.Timeline.Add(id, `a: @sam action number ${i} 30m`, '');
  }, N);
  await waitFor(async () => (await board(page).getByRole('listitem').count()) === 50, { timeoutMs: 10000, message: 'the board to draw its first 50 rows' });
  await expectContains(ui(page).dashboard.locator('[data-card="checkin"]'), `and ${N - 8} more`);
  assert.equal(await ui(page).dashboard.locator('[data-card="checkin"] li').count(), 8);
  await expectContains(ui(page).dashboard.locator('[data-card="actions"]'), `${N - 50} more open`);
});

step('Ctrl+J, then Down past row 50 draws the next page and moves on to action 51', async () => {
  const { page } = ctx;
  await page.keyboard.press('Control+j');
  await expectFocused(row(page, 1));
  await page.keyboard.press('End'); // not a board key: the focus stays on row 1
  for (let i = 1; i < 50; i++) await page.keyboard.press('ArrowDown');
  await expectFocused(row(page, 50));
  await page.keyboard.press('ArrowDown');
  await expectFocused(row(page, 51));
  assert.equal(await board(page).getByRole('listitem').count(), 100);
  await page.keyboard.press('d');
  await waitFor(async () => (await row(page, 51).count()) === 0, { message: 'action 51 done and gone from the board' });
  await expectFocused(row(page, 52));
  await page.keyboard.press('Escape');
  await expectFocused(ui(page).line);
});

step('the button draws the rest; the page logged no errors', async () => {
  const { page } = ctx;
  await board(page).locator('xpath=..').getByRole('button', { name: /^Show \d+ more open actions$/ }).click();
  await waitFor(async () => (await board(page).getByRole('listitem').count()) === N - 1, { message: 'every open action drawn' });
  assert.deepEqual(productProblems(page), []);
});
