import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test'
import { logCase, lookup, openApp } from './support'

/**
 * Issue 11, the team workspace, end to end: two browser contexts (two agents, two IndexedDBs) against the
 * real sync service over a real PostgreSQL, both started here by server/testing/team.ts (a private cluster
 * in a temp folder, removed at the end).
 */
interface TeamUser {
  id: string
  username: string
  password: string
  displayName: string
}
interface TeamInfo {
  url: string
  users: Record<string, TeamUser>
}

const root = path.resolve(__dirname, '..')
let team: TeamInfo
let server: ChildProcess | null = null
let serverLog = ''
/** Cases ana has logged on this server so far (all still open): the dashboard's Team table counts them. */
let anaCases = 0

test.describe.configure({ mode: 'serial' })

test.beforeAll(async () => {
  // initdb and the first start of PostgreSQL take a while on a busy machine
  test.setTimeout(120_000)
  const out = path.join(tmpdir(), `vcc-e2e-team-${process.pid}-${Date.now()}.json`)
  server = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/testing/team.ts', '--users', 'ana:agent,bo:agent,lee:lead,ada:admin', '--out', out],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  server.stderr?.on('data', (d: Buffer) => (serverLog += d.toString()))
  const exited = new Promise<never>((_, reject) =>
    server!.once('exit', (code) => reject(new Error(`the team server stopped (${code}): ${serverLog.slice(-2000)}`))),
  )
  const ready = (async () => {
    while (!existsSync(out) || readFileSync(out, 'utf8').trim() === '') await new Promise((r) => setTimeout(r, 200))
  })()
  await Promise.race([ready, exited])
  team = JSON.parse(readFileSync(out, 'utf8')) as TeamInfo
  rmSync(out, { force: true })
})

test.afterAll(async () => {
  const p = server
  server = null
  if (!p || p.exitCode !== null) return
  const gone = new Promise((r) => p.once('exit', r))
  p.kill('SIGTERM')
  await gone
})

/** A fresh console (its own IndexedDB) signed in to the team as `username`. */
async function agentConsole(browser: Browser, username: string): Promise<{ context: BrowserContext; page: Page }> {
  const user = team.users[username]!
  const context = await browser.newContext()
  const page = await context.newPage()
  await openApp(page, '#/settings')
  const section = page.getByRole('region', { name: 'Team', exact: true })
  await section.getByRole('textbox', { name: 'Server address' }).fill(team.url)
  await section.getByRole('button', { name: 'Connect' }).click()
  await section.getByRole('textbox', { name: 'User name' }).fill(user.username)
  await section.getByLabel('Password').fill(user.password)
  const login = page.waitForResponse((r) => r.url().endsWith('/v1/auth/login') && r.ok())
  await section.getByRole('button', { name: 'Sign in' }).click()
  const { refreshToken } = (await (await login).json()) as { refreshToken: string }
  await page.getByRole('button', { name: 'Join and share' }).click()
  await expect(page.getByRole('button', { name: 'Sync: Synced' })).toBeVisible({ timeout: 15_000 })
  // browser mode keeps the sign-in in memory only, and says so: never in web storage
  await expect(page.getByText('In the browser your sign-in is kept only while this page is open')).toBeVisible()
  const stored = await page.evaluate(() => JSON.stringify([{ ...localStorage }, { ...sessionStorage }]))
  expect(stored).not.toContain(refreshToken)
  return { context, page }
}

test('signing in as pasted: the address and user name with spaces and capitals are read; a wrong password says so in plain words, keeps what was typed and points at a pasted space', async ({
  browser,
}) => {
  const ana = team.users['ana']!
  const context = await browser.newContext()
  const page = await context.newPage()
  await openApp(page, '#/settings')
  const section = page.getByRole('region', { name: 'Team', exact: true })
  await section.getByRole('textbox', { name: 'Server address' }).fill(` ${team.url}/ `)
  await section.getByRole('button', { name: 'Connect' }).click()
  const username = section.getByRole('textbox', { name: 'User name' })
  const password = section.getByLabel('Password')
  await username.fill(` ${ana.username.toUpperCase()} `)
  await password.fill('not the password')
  await section.getByRole('button', { name: 'Sign in' }).click()
  await expect(password).toHaveAccessibleDescription('Wrong user name or password.')
  await expect(username).toHaveValue(` ${ana.username.toUpperCase()} `)

  await password.fill(`${ana.password} `)
  await section.getByRole('button', { name: 'Sign in' }).click()
  await expect(password).toHaveAccessibleDescription(
    'Wrong user name or password. The password you entered starts or ends with a space: check what you pasted.',
  )

  await password.fill(ana.password)
  await section.getByRole('button', { name: 'Sign in' }).click()
  const join = section.getByRole('region', { name: 'Join the team' })
  await expect(join).toContainText(`Signed in as ${ana.displayName} (agent).`)
  await join.getByRole('button', { name: 'Not now' }).click()
  await context.close()
})

test('two agents: a case logged by one is found by the other; offline edits of the same field converge with a conflict notice; both histories say who did what', async ({
  browser,
}) => {
  test.setTimeout(90_000)
  const [a, b] = await Promise.all([agentConsole(browser, 'ana'), agentConsole(browser, 'bo')])

  // A logs a case; B finds it by the user's phone without reloading
  await a.page.getByRole('link', { name: 'Cases' }).first().click()
  const number = await logCase(a.page, { phone: '+86 139 0013 9000', notes: 'first contact' })
  anaCases++
  const results = await lookup(b.page, '13900139000')
  await expect(results.getByRole('option')).toHaveCount(1, { timeout: 10_000 })
  await expect(results.getByRole('option').first()).toContainText(number)
  await results.getByRole('option').first().click()
  await expect(b.page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()

  // both go offline and change the same field
  await a.context.setOffline(true)
  await b.context.setOffline(true)
  const editOffline = async (page: Page, note: string): Promise<void> => {
    await expect(page.getByRole('button', { name: 'Sync: Offline' })).toBeVisible()
    await page.getByRole('button', { name: 'Edit facts' }).click()
    await page.getByRole('textbox', { name: 'Notes' }).fill(note)
    await page.getByRole('button', { name: 'Save changes' }).click()
    await expect(page.getByText('Changes saved.')).toBeVisible()
  }
  await Promise.all([editOffline(a.page, 'note from ana'), editOffline(b.page, 'note from bo')])

  // A is back first and wins the field; B is back next and is told
  await a.context.setOffline(false)
  await expect(a.page.getByRole('button', { name: 'Sync: Synced' })).toBeVisible({ timeout: 15_000 })
  await b.context.setOffline(false)
  await expect(b.page.getByRole('button', { name: 'Sync: Conflict' })).toBeVisible({ timeout: 15_000 })
  const notice = b.page.getByRole('alert').filter({ hasText: 'Changed by someone else at the same time' })
  await expect(notice).toBeVisible()
  await expect(notice).toContainText('note from ana')
  await expect(notice).toContainText('note from bo')

  // both screens converge on the kept value
  for (const agent of [a, b]) {
    await expect(agent.page.getByRole('region', { name: 'Case facts' }).getByText('note from ana')).toBeVisible({ timeout: 10_000 })
  }

  // the audit trail on both shows who did what, by the team's names
  for (const agent of [a, b]) {
    const history = agent.page.getByRole('list', { name: 'History' })
    const logged = history.getByRole('listitem').filter({ hasText: 'Case logged' })
    await expect(logged).toContainText('by ana')
    const lost = history.getByRole('listitem').filter({ hasText: 'Changed at the same time: this value was not kept' })
    await expect(lost).toContainText('by bo', { timeout: 10_000 })
    await expect(lost).toContainText('note from bo')
    const changed = history.getByRole('listitem').filter({ hasText: 'Case facts changed' }).filter({ hasText: 'note from ana' })
    await expect(changed.first()).toContainText('by ana')
  }

  await a.context.close()
  await b.context.close()
})

test('review ownership: B cannot claim or hand over A’s review; a lead hands it over to B with a note; every screen shows the owner; team templates are the lead’s and follow without reload; an admin manages the accounts (adds, changes a role, resets a password, disables), agents do not see them', async ({
  browser,
}) => {
  test.setTimeout(180_000)
  const [a, b, lee] = await Promise.all([agentConsole(browser, 'ana'), agentConsole(browser, 'bo'), agentConsole(browser, 'lee')])

  // A logs a case and opens a review on it: A owns it
  await a.page.getByRole('link', { name: 'Cases' }).first().click()
  const number = await logCase(a.page, { uid: '35009876', notes: 'lost the phone' })
  anaCases++
  const panelOf = (page: Page) => page.getByRole('region', { name: 'Security-reset review' })
  await panelOf(a.page).getByRole('button', { name: 'Open a review' }).click()
  const form = a.page.getByRole('dialog', { name: 'Open a security-reset review' })
  await form.getByLabel('Registered phone or email').fill('li@example.com')
  await form.getByRole('button', { name: 'Open review' }).click()
  await expect(form).toBeHidden()
  const ownerOf = (page: Page) => panelOf(page).getByRole('group', { name: 'Owner' })
  await expect(ownerOf(a.page)).toContainText('Owned by you')
  await expect(ownerOf(a.page).getByRole('button', { name: 'Claim' })).toHaveCount(0)

  // B sees A owns it and is offered neither Claim nor Hand over
  const openCase = async (page: Page): Promise<void> => {
    const results = await lookup(page, '35009876')
    await expect(results.getByRole('option')).toHaveCount(1, { timeout: 10_000 })
    await results.getByRole('option').first().click()
    await expect(page.getByRole('heading', { level: 1, name: `Case ${number}` })).toBeVisible()
  }
  await openCase(b.page)
  await expect(ownerOf(b.page)).toContainText('Owned by ana', { timeout: 10_000 })
  for (const name of ['Claim', 'Release', 'Hand over…']) await expect(ownerOf(b.page).getByRole('button', { name })).toHaveCount(0)

  // the lead hands it over to B with a note
  await openCase(lee.page)
  await expect(ownerOf(lee.page)).toContainText('Owned by ana', { timeout: 10_000 })
  await ownerOf(lee.page).getByRole('button', { name: 'Hand over…' }).click()
  const dialog = lee.page.getByRole('dialog', { name: 'Hand over the review' })
  await dialog.getByLabel('Hand over to').selectOption({ label: 'bo (agent)' })
  await dialog.getByRole('textbox', { name: 'Note for the new owner' }).fill('Call the user back on Monday.')
  await dialog.getByRole('button', { name: 'Hand over' }).click()
  await expect(dialog).toBeHidden()

  // every screen follows, without reload; the history says who handed it over and why
  await expect(ownerOf(b.page)).toContainText('Owned by you', { timeout: 10_000 })
  await expect(ownerOf(b.page).getByRole('button', { name: 'Release' })).toBeVisible()
  await expect(ownerOf(a.page)).toContainText('Owned by bo', { timeout: 10_000 })
  await expect(ownerOf(lee.page)).toContainText('Owned by bo')
  for (const page of [a.page, b.page]) {
    const handed = page.getByRole('list', { name: 'History' }).getByRole('listitem').filter({ hasText: 'Review handed over' })
    await expect(handed).toContainText('by lee', { timeout: 10_000 })
    await expect(handed).toContainText('Call the user back on Monday.')
  }

  // B's board: the review is among "Mine"
  await b.page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: /Reviews/ })
    .click()
  await b.page.getByRole('radio', { name: 'Mine' }).check()
  await expect(b.page.getByRole('row', { name: new RegExp(number) })).toContainText('bo')

  // the lead's dashboard counts per agent from the replica: ana's open cases; the review bo now owns, not yet due
  await lee.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Dashboard' }).click()
  const teamTable = lee.page.getByRole('region', { name: 'Team', exact: true }).getByRole('table')
  const cellsOf = (name: string) => teamTable.getByRole('row', { name: new RegExp(`^${name} `) }).getByRole('cell')
  await expect(cellsOf('ana')).toHaveText([String(anaCases), '0', '0', '0'], { timeout: 10_000 })
  await expect(cellsOf('bo')).toHaveText(['0', '0', '1', '0'])
  await expect(teamTable.getByRole('row', { name: /^lee / })).toHaveCount(0)

  // team settings are a lead's: B reads the team's templates and cannot change them; the lead's edit reaches B's screen without reload
  const templatesOf = async (page: Page): Promise<void> => {
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Templates' }).click()
    await page.getByRole('link', { name: /Closing with prevention tips/ }).click()
  }
  await templatesOf(b.page)
  await expect(b.page.getByText('Your team shares these settings: a team lead or admin changes them.')).toBeVisible()
  for (const name of ['New template', 'Reset built-in templates…', 'Save'])
    await expect(b.page.getByRole('button', { name, exact: true })).toHaveCount(0)
  await expect(b.page.getByRole('textbox', { name: 'Title (English)' })).toBeDisabled()
  await templatesOf(lee.page)
  await expect(lee.page.getByText('Your team shares these settings')).toHaveCount(0)
  await lee.page.getByRole('textbox', { name: 'Title (English)' }).fill('Closing, the team’s wording')
  await lee.page.getByRole('button', { name: 'Save', exact: true }).click()
  await expect(lee.page.getByText('Saved as version 2.')).toBeVisible()
  await expect(b.page.getByRole('textbox', { name: 'Title (English)' })).toHaveValue('Closing, the team’s wording', { timeout: 10_000 })
  await expect(b.page.getByRole('link', { name: /Closing, the team’s wording/ })).toBeVisible()
  await Promise.all([a.context.close(), lee.context.close()])

  // accounts are an admin's: an agent's settings do not offer them
  await b.page.getByRole('link', { name: 'Settings' }).first().click()
  await expect(b.page.getByRole('heading', { name: /Team “/ })).toBeVisible()
  await expect(b.page.getByRole('region', { name: 'Team accounts' })).toHaveCount(0)
  await b.context.close()

  // an admin (signed in, not joined) adds an account, makes it a lead, disables it
  const admin = await browser.newContext()
  const page = await admin.newPage()
  await openApp(page, '#/settings')
  const section = page.getByRole('region', { name: 'Team', exact: true })
  await section.getByRole('textbox', { name: 'Server address' }).fill(team.url)
  await section.getByRole('button', { name: 'Connect' }).click()
  await section.getByRole('textbox', { name: 'User name' }).fill('ada')
  await section.getByLabel('Password').fill(team.users.ada!.password)
  await section.getByRole('button', { name: 'Sign in' }).click()
  const accounts = page.getByRole('region', { name: 'Team accounts' })
  await expect(accounts.getByRole('row', { name: /^ana/ })).toBeVisible()
  await accounts.getByRole('textbox', { name: 'User name' }).fill('cy')
  await accounts.getByRole('textbox', { name: 'Display name' }).fill('Cy Chen')
  await accounts.getByLabel('Initial password').fill('short')
  await accounts.getByRole('button', { name: 'Add account' }).click()
  await expect(accounts.getByText('Use at least 10 characters.')).toBeVisible()
  await accounts.getByLabel('Initial password').fill('a-long-first-password')
  await accounts.getByRole('button', { name: 'Add account' }).click()
  const cy = accounts.getByRole('row', { name: /^cy/ })
  await expect(cy).toContainText('Cy Chen')
  await cy.getByRole('combobox', { name: 'Role of cy' }).selectOption({ label: 'lead' })
  await expect(page.getByText('Cy Chen is now lead.')).toBeVisible()
  // the admin resets cy's password: the dialog checks the repeat; afterwards only the new password signs in
  await cy.getByRole('button', { name: 'Reset password for cy' }).click()
  const reset = page.getByRole('dialog', { name: 'Reset the password of cy' })
  await reset.getByRole('textbox', { name: 'New password', exact: true }).fill('a-new-password-1')
  await reset.getByRole('textbox', { name: 'Repeat the new password' }).fill('a-new-password-2')
  await reset.getByRole('button', { name: 'Set the new password' }).click()
  await expect(reset.getByText('The two passwords differ. Type the same password twice.')).toBeVisible()
  await reset.getByRole('textbox', { name: 'Repeat the new password' }).fill('a-new-password-1')
  await reset.getByRole('button', { name: 'Set the new password' }).click()
  await expect(reset).toBeHidden()
  await expect(page.getByText('The password of Cy Chen is reset. Give it to them in private.')).toBeVisible()
  const signIn = (password: string) =>
    page.request.post(`${team.url}/v1/auth/login`, { data: { username: 'cy', password }, headers: { 'x-sync-protocol': '1' } })
  expect((await signIn('a-long-first-password')).status()).toBe(401)
  expect((await signIn('a-new-password-1')).status()).toBe(200)
  await cy.getByRole('button', { name: 'Disable cy' }).click()
  await expect(cy).toContainText('Disabled')
  // taken names are refused in words
  await accounts.getByRole('textbox', { name: 'User name' }).fill('ANA')
  await accounts.getByLabel('Initial password').fill('a-long-first-password')
  await accounts.getByRole('button', { name: 'Add account' }).click()
  await expect(accounts.getByText('That user name is taken.')).toBeVisible()
  await admin.close()
})
