// The YAML the recipes' workflows are written in, and no more: block mappings and lists, `|` block
// strings, one-line flow mappings and lists, quoted and plain scalars, full-line comments. Anything
// else (anchors, multi-line flow values, `>` folding, inline comments) is an error, so a workflow
// that drifts outside this subset fails its test instead of being read wrong.

export type YamlValue = string | number | boolean | null | YamlValue[] | { [key: string]: YamlValue }

interface Line {
  indent: number
  text: string
  number: number
}

export function parseYaml(source: string): YamlValue {
  const lines: Line[] = []
  source.split('\n').forEach((raw, i) => {
    const text = raw.trimEnd()
    if (text.trim() === '' || text.trim().startsWith('#')) return
    if (text.includes('\t')) throw new Error(`line ${i + 1}: tabs are not YAML indentation`)
    lines.push({ indent: text.length - text.trimStart().length, text: text.trimStart(), number: i + 1 })
  })
  const at = { i: 0 }
  const value = block(lines, at, lines[0]?.indent ?? 0)
  const rest = lines[at.i]
  if (rest) throw new Error(`line ${rest.number}: unexpected indentation`)
  return value
}

function block(lines: Line[], at: { i: number }, indent: number): YamlValue {
  const first = lines[at.i]
  if (!first || first.indent < indent) return null
  if (first.text === '-' || first.text.startsWith('- ')) return list(lines, at, first.indent)
  return mapping(lines, at, first.indent)
}

function list(lines: Line[], at: { i: number }, indent: number): YamlValue[] {
  const items: YamlValue[] = []
  for (
    let line = lines[at.i];
    line && line.indent === indent && /^-( |$)/.test(line.text);
    line = lines[at.i]
  ) {
    const rest = line.text.slice(1).trimStart()
    if (rest === '') {
      at.i++
      items.push(block(lines, at, indent + 1))
    } else if (/^[\w-]+:( |$)/.test(rest)) {
      // "- key: value" opens a mapping whose keys sit where "key" is.
      lines[at.i] = { ...line, indent: indent + line.text.length - rest.length, text: rest }
      items.push(mapping(lines, at, lines[at.i]?.indent ?? indent))
    } else {
      at.i++
      items.push(scalar(rest, line.number))
    }
  }
  return items
}

function mapping(lines: Line[], at: { i: number }, indent: number): { [key: string]: YamlValue } {
  const map: { [key: string]: YamlValue } = {}
  for (let line = lines[at.i]; line && line.indent === indent; line = lines[at.i]) {
    const match = /^([\w.-]+|"[^"]*"|'[^']*'):(?: (.*))?$/.exec(line.text)
    if (!match)
      throw new Error(`line ${line.number}: expected "key: value", got ${JSON.stringify(line.text)}`)
    const key = (match[1] as string).replace(/^["']|["']$/g, '')
    const rest = match[2]?.trim() ?? ''
    at.i++
    if (rest === '|') {
      const body: Line[] = []
      for (let next = lines[at.i]; next && next.indent > indent; next = lines[at.i]) {
        body.push(next)
        at.i++
      }
      const base = Math.min(...body.map((l) => l.indent))
      map[key] = `${body.map((l) => ' '.repeat(l.indent - base) + l.text).join('\n')}\n`
    } else if (rest === '') {
      map[key] = block(lines, at, indent + 1)
    } else {
      map[key] = scalar(rest, line.number)
    }
  }
  return map
}

function scalar(text: string, number: number): YamlValue {
  if (/^[&*!>]/.test(text) || / #/.test(text)) throw new Error(`line ${number}: unsupported YAML: ${text}`)
  if (text.startsWith('{')) {
    if (!text.endsWith('}')) throw new Error(`line ${number}: a flow mapping must close on its line`)
    const map: { [key: string]: YamlValue } = {}
    for (const part of splitFlow(text.slice(1, -1))) {
      const colon = part.indexOf(':')
      if (colon < 0) throw new Error(`line ${number}: expected "key: value" in ${text}`)
      map[part.slice(0, colon).trim()] = scalar(part.slice(colon + 1).trim(), number)
    }
    return map
  }
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new Error(`line ${number}: a flow list must close on its line`)
    return splitFlow(text.slice(1, -1)).map((part) => scalar(part.trim(), number))
  }
  if (/^".*"$/.test(text)) return JSON.parse(text) as string
  if (/^'.*'$/.test(text)) return text.slice(1, -1).replace(/''/g, "'")
  if (text === 'true' || text === 'false') return text === 'true'
  if (text === 'null' || text === '~') return null
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text)
  return text
}

/** Splits "a, { b: c }, [d, e]" at the top-level commas. */
function splitFlow(text: string): string[] {
  const parts: string[] = []
  let depth = 0
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (c === '{' || c === '[') depth++
    else if (c === '}' || c === ']') depth--
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i))
      start = i + 1
    }
  }
  if (text.trim() !== '') parts.push(text.slice(start))
  return parts.map((p) => p.trim())
}
