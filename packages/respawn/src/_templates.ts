// `{port}`, `{tmpdir}` and `{name}` in args, env, cwd, URLs and ports. Only identifier-shaped
// names in braces are templates, so JSON in an argument (`{"a":1}`) passes through untouched.

/** Every template name there is. */
export const TEMPLATE_NAMES = ['port', 'tmpdir', 'name'] as const
export type TemplateName = (typeof TEMPLATE_NAMES)[number]

const TEMPLATE = /\{([A-Za-z_][A-Za-z0-9_-]*)\}/g

/** What the templates stand for in one file. */
export type TemplateValues = Record<TemplateName, string>

/** The template names `text` uses that do not exist. */
export function unknownTemplates(text: string): string[] {
  return [...text.matchAll(TEMPLATE)]
    .map((match) => match[1] ?? '')
    .filter((name) => !(TEMPLATE_NAMES as readonly string[]).includes(name))
}

/** Whether `text` uses the template `name`. */
export function usesTemplate(text: string, name: TemplateName): boolean {
  return text.includes(`{${name}}`)
}

/** `text` with every template replaced by its value. */
export function expand(text: string, values: TemplateValues): string {
  return text.replace(TEMPLATE, (whole, name: string) =>
    name in values ? (values[name as TemplateName] ?? whole) : whole,
  )
}
