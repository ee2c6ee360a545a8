/**
 * `layers/imports`: which folder may import which, the way VS Code's `code-import-patterns` rule does.
 *
 * Every import, `export … from` and dynamic `import()` is resolved to a path in the repository (the `@/`,
 * `@shared/`, `@resources/` and `@test/` aliases and relative paths) and looked up in the layer table
 * (eslint.config.mjs); a file may import its own layer and the layers its entry allows, nothing else.
 * Bare package names are checked against the layer's `packages` ban list. Paths outside every layer
 * (config files, tools) are not checked. test/layers.test.ts plants a violation of each rule.
 */
import path from 'node:path'

const EXT = /\.(?:d\.ts|ts|mts|cts|tsx|js|mjs|cjs|vue|json)$/

/** `@scope/name/x` → `@scope/name`, `name/x` → `name`. */
const packageName = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/')

/**
 * Layer of a repository-relative path (POSIX): the entry whose `path` is the longest match. A path ending
 * in `/` is a folder (with `filesOnly`, only the files directly in it); any other path is one module
 * (extension optional).
 */
function layerOf(layers, rel) {
  const bare = rel.replace(EXT, '')
  let best = null
  for (const layer of layers) {
    const p = layer.path
    const inFolder = rel.startsWith(p) && !(layer.filesOnly && rel.slice(p.length).includes('/'))
    const hit = p.endsWith('/') ? inFolder || `${rel}/` === p : bare === p.replace(EXT, '')
    if (hit && (best === null || p.length > best.path.length)) best = layer
  }
  return best
}

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports follow the layer table: domain ← data ← stores ← composables ← components/views' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          aliases: { type: 'object', additionalProperties: { type: 'string' } },
          layers: { type: 'array' },
          /** Folders where every file must be in a layer (a new folder is added to the table, not left open). */
          required: { type: 'array', items: { type: 'string' } },
        },
        required: ['root', 'layers'],
        additionalProperties: false,
      },
    ],
    messages: {
      layer: '{{from}} ({{fromPath}}) may not import {{to}} ({{spec}}). {{from}} may import: {{allowed}}. (LAYERS in eslint.config.mjs)',
      package: '{{from}} ({{fromPath}}) may not import the package "{{pkg}}"{{why}}.',
      unlisted: '{{path}} is in no layer: add its folder to LAYERS in eslint.config.mjs.',
    },
  },
  create(context) {
    const { root, layers, aliases = {}, required = [] } = context.options[0]
    const file = context.filename
    const rel = path.relative(root, file).split(path.sep).join('/')
    if (rel.startsWith('..')) return {}
    const mustHaveLayer = (p) => required.some((r) => p.startsWith(r))
    const from = layerOf(layers, rel)
    if (!from) {
      if (!mustHaveLayer(rel)) return {}
      return { Program: (node) => context.report({ node, messageId: 'unlisted', data: { path: rel } }) }
    }
    const isTest = /\.test\.[cm]?ts$/.test(rel)
    const allowed = new Set([from.name, ...(from.allow ?? []), ...(isTest ? (from.testsAlsoAllow ?? []) : [])])

    function check(node, spec) {
      if (typeof spec !== 'string') return
      let target = null
      const alias = Object.keys(aliases).find((a) => spec === a || spec.startsWith(`${a}/`))
      if (alias) target = path.posix.join(aliases[alias], spec.slice(alias.length + 1))
      else if (spec.startsWith('.'))
        target = path
          .relative(root, path.resolve(path.dirname(file), spec))
          .split(path.sep)
          .join('/')
      if (target === null) {
        const pkg = packageName(spec)
        const ban = (from.packages ?? []).find((b) => b === pkg)
        if (ban !== undefined)
          context.report({
            node,
            messageId: 'package',
            data: { from: from.name, fromPath: from.path, pkg, why: from.packagesWhy ? ` (${from.packagesWhy})` : '' },
          })
        return
      }
      const to = layerOf(layers, target) ?? (mustHaveLayer(target) ? { name: `no layer (${path.posix.dirname(target)}/)` } : null)
      if (!to || allowed.has(to.name)) return
      context.report({
        node,
        messageId: 'layer',
        data: { from: from.name, fromPath: from.path, to: to.name, spec, allowed: [...allowed].join(', ') },
      })
    }

    const source = (node) => {
      if (node.source && node.source.type === 'Literal') check(node.source, node.source.value)
    }
    return {
      ImportDeclaration: source,
      ExportNamedDeclaration: source,
      ExportAllDeclaration: source,
      ImportExpression: source,
    }
  },
}

export default { meta: { name: 'layers' }, rules: { imports: importsRule } }
