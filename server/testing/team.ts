/**
 * A throw-away team for end-to-end tests and benchmarks, as a process:
 *
 *   node --import tsx server/testing/team.ts --port 4404 --users ana:agent,bo:agent,lee:lead --out /tmp/team.json
 *
 * starts a private PostgreSQL and one sync service (on --port, else a free one), creates the users (each
 * with a generated password), writes `{ url, users: { name: { id, username, password, role } } }` to --out
 * (and prints it), then runs until SIGINT/SIGTERM, when it stops both and removes the cluster.
 */
import { writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { ROLES, type Role } from '../../src/domain/sync/records'
import { startTeam } from './harness'

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    users: { type: 'string', default: 'admin:admin,ana:agent,bo:agent,lee:lead' },
    out: { type: 'string' },
  },
})

const users = values.users.split(',').map((pair) => {
  const [username, role = 'agent'] = pair.split(':')
  if (!username || !ROLES.includes(role as Role))
    throw new Error(`bad --users entry "${pair}" (name:role, role one of ${ROLES.join(', ')})`)
  return { username, role: role as Role }
})

const team = await startTeam({ users, port: values.port ? Number(values.port) : undefined })
const info = JSON.stringify({ url: team.url, users: team.users }, null, 2)
if (values.out) writeFileSync(values.out, info, { mode: 0o600 })
console.log(info)

let stopping = false
const stop = async () => {
  if (stopping) return
  stopping = true
  await team.stop()
  process.exit(0)
}
process.on('SIGINT', () => void stop())
process.on('SIGTERM', () => void stop())
